# The 1% protocol on the generated demo data (python tools/make_demo_data.py),
# sized for a CPU: ResNet-18 OS16 from the GLCNet demo pretraining
# (configs/glcnet/glcnet_r18-os16_1xb16-2e_demo.py), the 16 tiles of
# trainR1 at batch 8, 128 px, the reference optimiser and decay for a
# shorter schedule. Model selection on trainSel, test on val.
_base_ = [
    '../_base_/models/deeplabv3plus_r50-os16.py',
    '../_base_/datasets/demo.py',
    '../_base_/schedules/finetune_adam-1e-4_exp-0.98_150e.py',
    '../_base_/seg_runtime.py',
]
model = dict(
    data_preprocessor=_base_.data_preprocessor,
    backbone=dict(depth=18),
    decode_head=dict(in_channels=512, c1_in_channels=64,
                     num_classes=_base_.num_classes),
    init_cfg=dict(
        type='PretrainedPart',
        checkpoint='work_dirs/glcnet_r18-os16_1xb16-2e_demo/'
        'best_loss_epoch_*.pth',
        mode='backbone+aspp'))

# The fine-tuning augmentation of the Potsdam protocol at 128 px.
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
train_dataloader = dict(
    batch_size=8,
    drop_last=True,
    dataset=dict(split='trainR1', pipeline=train_pipeline))

max_epochs = 40
train_cfg = dict(max_epochs=max_epochs, val_interval=2)
val_evaluator = dict(type='RSSegMetric')
test_evaluator = dict(type='RSSegMetric', per_image_iou=True)
default_hooks = dict(
    logger=dict(type='LoggerHook', interval=2, log_metric_by_epoch=True),
    checkpoint=dict(
        type='CheckpointHook',
        by_epoch=True,
        interval=max_epochs,
        max_keep_ckpts=1,
        save_best='mIoU',
        rule='greater'))
