# GFCNet on Potsdam with the common protocol: the tiles and two views of the
# SimCLR baseline, each sample placed on its scene's tile grid. See
# docs/methods/gfcnet.md.
_base_ = [
    '../_base_/models/gfcnet_r50-os16.py',
    '../_base_/datasets/potsdam-rgbir_pretrain.py',
    '../_base_/schedules/adam-cosine_400e.py',
]
train_dataloader = dict(dataset=dict(pipeline=_base_.position_pipeline))
