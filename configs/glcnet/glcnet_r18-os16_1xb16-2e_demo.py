# GLCNet on the synthetic demo tiles (python tools/make_demo_data.py): a
# ResNet-18 OS16, 96 px views with four 24 px window pairs, 2 epochs over the
# first 192 of the 360 training tiles (12 steps of 16 each); a few minutes on
# 2 CPU cores. Drop `indices` to use every tile.
_base_ = [
    '../_base_/models/glcnet_r50-os16.py',
    '../_base_/datasets/demo_pretrain.py',
    '../_base_/schedules/adam-cosine_2e.py',
]
model = dict(backbone=dict(depth=18))
train_dataloader = dict(
    dataset=dict(pipeline=[
            dict(type='LoadRasterImageFromFile'),
            dict(type='PairedViews', crop_size=96, window_size=24),
            dict(
                type='PackInputs',
                algorithm_keys=['windows', 'window_valid']),
        ]))
