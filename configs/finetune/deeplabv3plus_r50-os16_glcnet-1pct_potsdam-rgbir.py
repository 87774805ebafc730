# GLCNet fine-tuning protocol of the reference code on ISPRS Potsdam (4-band
# R, G, B, NIR tiles of 256 px): DeepLabV3+ ResNet-50 OS16 initialised with
# the backbone and ASPP of a GLCNet checkpoint, fine-tuned on the 1% list
# (trainR1) for 150 epochs of Adam 1e-4 (x0.98 per epoch), batch 16, and
# tested on the 14 test scenes ('val').
# Model selection: the checkpoint with the best mIoU on 'trainSel', tiles of
# the training scenes disjoint from every trainR* list and from the test
# list. The reference selected the best OA on the test list itself.
_base_ = [
    '../_base_/models/deeplabv3plus_r50-os16.py',
    '../_base_/datasets/potsdam-rgbir.py',
    '../_base_/schedules/finetune_adam-1e-4_exp-0.98_150e.py',
    '../_base_/seg_runtime.py',
]

# 'backbone' | 'backbone+aspp' (reference default) | 'all' (all but the
# classifier). The pattern matches the lowest-loss checkpoint that the
# pretraining config keeps; override it with
# --cfg-options model.init_cfg.checkpoint=PATH.
model = dict(
    data_preprocessor=_base_.data_preprocessor,
    decode_head=dict(num_classes=_base_.num_classes),
    init_cfg=dict(
        type='PretrainedPart',
        checkpoint='work_dirs/glcnet_r50-os16_8xb32-400e_potsdam-rgbir/'
        'best_loss_epoch_*.pth',
        mode='backbone+aspp'))

# Augmentation of the reference fine-tuning, made band-agnostic: one of
# [horizontal, vertical, both, none, none] flips, a random multiple of 90
# degrees, a +-10% rescale with probability 0.5 (labels resized nearest,
# the uncovered border padded with the ignore index instead of class 0),
# and a mild per-band brightness / contrast / noise jitter in place of the
# RGB-only HSV jitter.
train_pipeline = [
    dict(type='LoadRasterImageFromFile', num_bands=_base_.num_bands),
    dict(type='LoadRasterAnnotations'),
    dict(
        type='RandomFlip',
        prob=[0.2, 0.2, 0.2],
        direction=['horizontal', 'vertical', 'diagonal']),
    dict(type='RandomRot90'),
    dict(
        type='RandomApply',
        prob=0.5,
        transforms=[
            dict(
                type='RandomResize',
                scale=_base_.crop_size,
                ratio_range=(0.9, 1.1),
                keep_ratio=True),
            dict(type='RandomCrop', crop_size=_base_.crop_size),
        ]),
    dict(
        type='SpectralJitter',
        prob=0.5,
        brightness=0.05,
        contrast=0.05,
        salt_prob=0.001),
    dict(type='PackSegInputs'),
]
# drop_last as the reference: 138 tiles give 8 steps of 16 per epoch.
train_dataloader = dict(
    batch_size=16,
    drop_last=True,
    dataset=dict(split='trainR1', pipeline=train_pipeline))

val_evaluator = dict(type='RSSegMetric')
# The test also reports the reference code's per-image mIoU for comparison.
test_evaluator = dict(type='RSSegMetric', per_image_iou=True)

default_hooks = dict(
    logger=dict(type='LoggerHook', interval=10, log_metric_by_epoch=True),
    checkpoint=dict(
        type='CheckpointHook',
        by_epoch=True,
        interval=10,
        max_keep_ckpts=1,
        save_best='mIoU',
        rule='greater'))
