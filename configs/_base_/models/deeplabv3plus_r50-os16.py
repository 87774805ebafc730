# DeepLabV3+ segmentor of the GLCNet reference fine-tuning: the shared
# encoder with the decoder dropouts of the fine-tuning network and a
# classifier. A fine-tuning config sets the class count and the data
# preprocessor from its dataset setting:
#   model = dict(data_preprocessor=_base_.data_preprocessor,
#                decode_head=dict(num_classes=_base_.num_classes))
_base_ = './encoders/r50-os16_deeplabv3plus.py'
model = dict(
    type='RSIEncoderDecoder',
    decode_head=dict(
        decoder_dropout_ratio=0.5,
        dropout_ratio=0.1,
        num_classes=None,  # the dataset setting's num_classes
        ignore_index=255,
        loss_decode=dict(
            type='CrossEntropyLoss', use_sigmoid=False, loss_weight=1.0)),
    train_cfg=dict(),
    test_cfg=dict(mode='whole'))
