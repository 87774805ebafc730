# RiSSNet on Potsdam with the common protocol: the tiles and two views of
# the SimCLR baseline, plus the (up to) 8 tiles around each on its scene's
# grid as candidates. See docs/methods/rissnet.md.
_base_ = [
    '../_base_/models/rissnet_r50-os16.py',
    '../_base_/datasets/potsdam-rgbir_pretrain.py',
    '../_base_/schedules/adam-cosine_400e.py',
]
train_dataloader = dict(dataset=dict(pipeline=[
    _base_.pair_pipeline[0], _base_.neighbour_tiles, _base_.pair_pipeline[1],
    _base_.neighbour_pack
]))
