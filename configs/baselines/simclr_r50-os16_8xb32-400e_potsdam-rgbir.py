# SimCLR baseline of the GLCNet paper (reference self_mode 2) on Potsdam,
# with the GLCNet views without windows. See docs/methods/baselines.md.
_base_ = [
    '../_base_/models/simclr_r50-os16.py',
    '../_base_/datasets/potsdam-rgbir_pretrain.py',
    '../_base_/schedules/adam-cosine_400e.py',
]
train_dataloader = dict(dataset=dict(pipeline=_base_.pair_pipeline))
