# GLCNet on the synthetic demo tiles (python tools/make_demo_data.py): a
# ResNet-18 OS16, 96 px views with four 24 px window pairs, 2 epochs over the
# first 192 of the 360 training tiles (12 steps of 16 each); a few minutes on
# 2 CPU cores. Drop `indices` to use every tile.
_base_ = [
    '../_base_/models/glcnet_r50-os16.py',
    '../_base_/datasets/demo_pretrain.py',
    '../_base_/schedules/adam-cosine_400e.py',
    '../_base_/selfsup_runtime.py',
]
model = dict(
    backbone=dict(depth=18),
    decode_head=dict(in_channels=512, c1_in_channels=64))

view_pipeline = dict(type='GLCViews', crop_size=96, window_size=24)
train_pipeline = [
    dict(type='LoadRasterImageFromFile', num_bands=4),
    view_pipeline,
    dict(type='PackInputs', algorithm_keys=['windows', 'window_valid']),
]
train_dataloader = dict(
    batch_size=16,
    num_workers=2,
    dataset=dict(pipeline=train_pipeline, indices=192))

max_epochs = 2
param_scheduler = [
    dict(
        type='CosineAnnealingLR',
        T_max=max_epochs,
        eta_min=4e-8,
        by_epoch=True,
        begin=0,
        end=max_epochs)
]
train_cfg = dict(max_epochs=max_epochs)
default_hooks = dict(
    logger=dict(interval=5),
    checkpoint=dict(
        type='CheckpointHook', interval=1, max_keep_ckpts=1, save_last=True))
custom_hooks = [dict(type='TrainLossCheckpointHook')]
