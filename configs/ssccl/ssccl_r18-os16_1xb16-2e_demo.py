# SSCCL on the demo tiles: the network, data, views and schedule of the
# GLCNet demo config (ResNet-18 OS16, 96 px views, 2 epochs), method as in
# ssccl_r50-os16_8xb32-400e_potsdam-rgbir.py.
_base_ = [
    '../_base_/models/ssccl_r50-os16.py',
    '../_base_/datasets/demo_pretrain.py',
    '../_base_/schedules/adam-cosine_2e.py',
]
model = dict(backbone=dict(depth=18))
train_dataloader = dict(
    dataset=dict(pipeline=[
            dict(type='LoadRasterImageFromFile'),
            dict(type='PairedViews', crop_size=96, num_windows=0),
            dict(type='OverlapGrids', grid_size=8, min_overlap=8),
            dict(
                type='PackInputs',
                algorithm_keys=['overlap_grids', 'overlap_valid']),
        ]))
