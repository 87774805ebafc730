# SSCCL (Dong, Liu and Gu, IEEE TGRS 2023) in the GLCNet paper's setting:
# the same encoder, Potsdam data, optimiser and schedule as configs/glcnet/;
# the views are GLCNet's without windows, plus the overlap grid of the
# consistency branch. See docs/methods/ssccl.md.
_base_ = [
    '../_base_/models/ssccl_r50-os16.py',
    '../_base_/datasets/potsdam-rgbir_pretrain.py',
    '../_base_/schedules/adam-cosine_400e.py',
]
train_dataloader = dict(
    dataset=dict(pipeline=[
        dict(type='LoadRasterImageFromFile'),
        dict(type='PairedViews', num_windows=0),
        dict(type='OverlapGrids', grid_size=8, min_overlap=16),
        dict(
            type='PackInputs',
            algorithm_keys=['overlap_grids', 'overlap_valid']),
    ]))
