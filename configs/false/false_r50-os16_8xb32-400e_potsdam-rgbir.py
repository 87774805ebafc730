# FALSE in the toolbox's common protocol on Potsdam: the network, views
# (the GLCNet views without windows) and schedule of the SimCLR baseline,
# with FALSE's loss. See docs/methods/false.md.
_base_ = [
    '../_base_/models/false_r50-os16.py',
    '../_base_/datasets/potsdam-rgbir_pretrain.py',
    '../_base_/schedules/adam-cosine_400e.py',
]
train_dataloader = dict(dataset=dict(pipeline=_base_.pair_pipeline))
