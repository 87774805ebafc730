# TOV's segmentation network (segmentation/models/fcn.py, FCN_d8) in mmseg
# terms: the shared segmentation ResNet-50 at output stride 8 with
# torchvision's dilation pattern (replace_stride_with_dilation=[False, True,
# True]: layers 3 and 4 dilated by 2 and 4, the first block of each at the
# previous rate) and an FCN head on the last stage. The released head (two
# 3x3 conv-BN up-blocks 2048 -> 1024 -> 512 with x2 upsampling, then a 3x3
# conv-BN classifier) is replaced by mmseg's FCNHead (two 3x3 conv-BN-ReLU
# of 512 channels, a 1x1 classifier, bilinear upsampling), see
# docs/methods/tov.md. A fine-tuning config sets the class count and the
# data preprocessor from its dataset setting; the head's input width
# follows the backbone.
_base_ = './encoders/r50-os16_deeplabv3plus.py'
model = dict(
    type='RSIEncoderDecoder',
    backbone=dict(
        strides=(1, 2, 1, 1), dilations=(1, 1, 2, 4), contract_dilation=True),
    decode_head=dict(
        _delete_=True,
        type='FCNHead',
        in_index=3,
        channels=512,
        num_convs=2,
        concat_input=False,
        dropout_ratio=0.1,
        num_classes=None,  # the dataset setting's num_classes
        norm_cfg=_base_.norm_cfg,
        align_corners=False,
        ignore_index=255,
        loss_decode=dict(type='CrossEntropyLoss', loss_weight=1.0)),
    train_cfg=dict(),
    test_cfg=dict(mode='whole'))
