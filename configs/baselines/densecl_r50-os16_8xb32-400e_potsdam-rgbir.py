# DenseCL on Potsdam with the GLCNet views without windows; the dense loss
# switches on after 1000 warm-up iterations. See docs/methods/baselines.md.
_base_ = [
    '../_base_/models/densecl_r50-os16.py',
    '../_base_/datasets/potsdam-rgbir_pretrain.py',
    '../_base_/schedules/adam-cosine_400e.py',
]
train_dataloader = dict(dataset=dict(pipeline=_base_.pair_pipeline))
custom_hooks = [
    dict(type='TrainLossCheckpointHook'),
    dict(type='DenseCLHook', start_iters=1000),
]
