# The fine-tuning protocol of the FALSE code (an mmseg config the authors
# published and later removed): the pretrained encoder frozen, BatchNorm
# included; a DeepLabV3+ head and an auxiliary FCN head on layer3 (loss
# weight 0.4) trained from scratch; SGD 0.01 with poly decay for 1300
# iterations of 16 tiles of 256 px, which is GLCNet's 150 epochs over the
# 1 % list (the label fraction of the paper is not stated). The released
# config ran the encoder at output stride 8 with a separable ASPP (rates
# 12, 24, 36); here it is the toolbox's output stride 16 DeepLabV3+ (rates
# 6, 12, 18: the same field of view). Initialised from the released-
# settings FALSE pretraining, backbone only (that model has no ASPP).
_base_ = [
    '../_base_/models/deeplabv3plus_r50-os16.py',
    '../_base_/datasets/potsdam-rgbir.py',
    '../_base_/schedules/sgd-poly_1300it_finetune.py',
]
model = dict(
    data_preprocessor=_base_.data_preprocessor,
    backbone=dict(frozen_stages=4, norm_eval=True),
    decode_head=dict(num_classes=_base_.num_classes),
    auxiliary_head=dict(
        type='FCNHead', in_index=2, channels=256, num_convs=1,
        concat_input=False, dropout_ratio=0.1, align_corners=True,
        num_classes=_base_.num_classes, norm_cfg=_base_.norm_cfg,
        loss_decode=dict(type='CrossEntropyLoss', loss_weight=0.4)),
    init_cfg=dict(
        type='PretrainedPart',
        checkpoint='work_dirs/false-released_r50-os32_1xb256-lars-200e_'
        'potsdam-rgbir/best_loss_epoch_*.pth',
        mode='backbone'))
