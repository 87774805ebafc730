# DenseCL on Potsdam with the GLCNet views without windows; the dense loss
# switches on after 1000 warm-up iterations. See docs/methods/baselines.md.
_base_ = [
    '../_base_/models/densecl_r50-os16.py',
    '../_base_/datasets/potsdam-rgbir_pretrain.py',
    '../_base_/schedules/adam-cosine_400e.py',
    '../_base_/selfsup_runtime.py',
]
train_dataloader = dict(
    dataset=dict(pipeline=[
        dict(type='LoadRasterImageFromFile'),
        dict(type='PairedViews', num_windows=0),
        dict(type='PackInputs'),
    ]))
custom_hooks = [
    dict(type='TrainLossCheckpointHook'),
    dict(type='DenseCLHook', start_iters=1000),
]
