# Jigsaw baseline of the GLCNet paper (reference self_mode 5): flip and
# rotation, a 225 px puzzle of 3 x 3 cells of 75 px, a random 64 px tile per
# cell resized to 75 px, shuffled by one of 1000 permutations (seeded
# maximin-Hamming set, see docs/methods/baselines.md); each tile through
# backbone + ASPP, pooled to 3 x 3, fc5 (256), fc6 (1024), 1000-way
# classifier, cross-entropy.
_base_ = '../glcnet/glcnet_r50-os16_8xb32-400e_potsdam-rgbir.py'

model = dict(
    _delete_=True,
    type='Jigsaw',
    data_preprocessor={{_base_.model.data_preprocessor}},
    backbone={{_base_.model.backbone}},
    decode_head={{_base_.model.decode_head}},
    head=dict(
        type='JigsawHead',
        in_channels=256,
        num_tiles=9,
        num_classes=1000,
        pool=3,
        tile_channels=256,
        hid_channels=1024,
        dropout=0.1))
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
        type='SpectralJitter', prob=0.8, brightness=0.1, contrast=0.1,
        salt_prob=0.001),
    dict(
        type='JigsawTiles',
        cell_size=75,
        tile_size=64,
        out_size=75,
        num_permutations=1000,
        seed=0),
    dict(type='PackInputs', algorithm_keys=['jigsaw_label']),
]
train_dataloader = dict(dataset=dict(pipeline=train_pipeline))
