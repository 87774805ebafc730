# Jigsaw baseline on the demo tiles (GLCNet demo network, data, schedule):
# a 111 px puzzle of 37 px cells with 32 px tiles, 1000 permutations.
_base_ = '../glcnet/glcnet_r18-os16_1xb16-2e_demo.py'

model = dict(
    _delete_=True,
    type='Jigsaw',
    data_preprocessor={{_base_.model.data_preprocessor}},
    backbone={{_base_.model.backbone}},
    decode_head={{_base_.model.decode_head}},
    head=dict(
        type='JigsawHead', in_channels=256, num_tiles=9, num_classes=1000))
model_wrapper_cfg = dict(
    type='MMDistributedDataParallel', find_unused_parameters=True)
train_pipeline = [
    dict(type='LoadRasterImageFromFile', num_bands=4),
    dict(
        type='RandomFlip',
        prob=[0.2, 0.2, 0.2],
        direction=['horizontal', 'vertical', 'diagonal']),
    dict(type='RandomRot90'),
    dict(
        type='JigsawTiles', cell_size=37, tile_size=32, out_size=None,
        num_permutations=1000, seed=0),
    dict(type='PackInputs', algorithm_keys=['jigsaw_label']),
]
train_dataloader = dict(dataset=dict(pipeline=train_pipeline))
