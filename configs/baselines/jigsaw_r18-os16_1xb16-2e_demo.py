# Jigsaw baseline on the demo tiles (GLCNet demo network, data, schedule):
# a 111 px puzzle of 37 px cells with 32 px tiles, the authors' 1000
# permutations.
_base_ = [
    '../_base_/models/jigsaw_r50-os16.py',
    '../_base_/datasets/demo_pretrain.py',
    '../_base_/schedules/adam-cosine_2e.py',
]
model = dict(backbone=dict(depth=18))
train_dataloader = dict(
    dataset=dict(pipeline=[
        dict(type='LoadRasterImageFromFile'),
        *_base_.flip_rot90,
        dict(_base_.jigsaw_tiles, cell_size=37, tile_size=32, out_size=None),
        _base_.jigsaw_pack,
    ]))
