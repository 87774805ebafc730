# GFCNet on LoveDA Urban (the dataset the paper reports on): 256 px windows of
# the 1024 px training images, placed by their pixel offsets in their image
# (LoveDA has no georeference). See docs/methods/gfcnet.md.
_base_ = [
    '../_base_/models/gfcnet_r50-os16.py',
    '../_base_/datasets/loveda-urban_pretrain.py',
    '../_base_/schedules/adam-cosine_400e.py',
]
train_dataloader = dict(dataset=dict(pipeline=_base_.position_pipeline))
