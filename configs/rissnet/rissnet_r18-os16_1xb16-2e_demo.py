# RiSSNet on the demo tiles: ResNet-18, the SimCLR demo views, 2 epochs of
# which the first is the plain SimCLR warm-up; candidates are the tiles
# around each on the 6 x 6 grid of its scene.
_base_ = [
    '../_base_/models/rissnet_r50-os16.py',
    '../_base_/datasets/demo_pretrain.py',
    '../_base_/schedules/adam-cosine_2e.py',
]
model = dict(backbone=dict(depth=18), warmup_epochs=1)
train_dataloader = dict(dataset=dict(pipeline=[
    _base_.pair_pipeline[0], _base_.neighbour_tiles, _base_.pair_pipeline[1],
    _base_.neighbour_pack
]))
