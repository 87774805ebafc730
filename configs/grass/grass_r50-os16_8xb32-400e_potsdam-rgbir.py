# GraSS in the toolbox's common protocol on Potsdam: the SimCLR baseline's
# views (the GLCNet views without windows) and schedule; 100 epochs of
# instance-discrimination warm-up (plain SimCLR; the model base's
# grass_stage_hook), then gradient-guided sampling. See docs/methods/grass.md.
_base_ = [
    '../_base_/models/grass_r50-os16.py',
    '../_base_/datasets/potsdam-rgbir_pretrain.py',
    '../_base_/schedules/adam-cosine_400e.py',
]
train_dataloader = dict(dataset=dict(pipeline=_base_.pair_pipeline))
custom_hooks = [*_base_.custom_hooks, _base_.grass_stage_hook]
