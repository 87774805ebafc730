# SimCLR baseline of the GLCNet paper (reference self_mode 2): global
# average pool of the ASPP output, MLP 256 -> 256 -> 64, decoupled NT-Xent
# with tau = 0.5, the GLCNet views, two forward passes. This is exactly
# GLCNet's global branch without the style statistics and without the local
# branch, so it is expressed with GLCNet's own components; mmpretrain's
# SimCLR would interleave the views into one BatchNorm batch and use the
# standard NT-Xent (see docs/methods/baselines.md).
_base_ = '../glcnet/glcnet_r50-os16_8xb32-400e_potsdam-rgbir.py'

model = dict(global_head=dict(style=False), local_head=None)
model_wrapper_cfg = dict(
    type='MMDistributedDataParallel', find_unused_parameters=True)

train_pipeline = [
    dict(type='LoadRasterImageFromFile', num_bands=4),
    dict(type='GLCViews', num_windows=0),
    dict(type='PackInputs'),
]
train_dataloader = dict(dataset=dict(pipeline=train_pipeline))
