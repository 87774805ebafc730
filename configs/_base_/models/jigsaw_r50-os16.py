# Jigsaw baseline of the GLCNet paper (reference self_mode 5) on the shared
# encoder: each of the 9 tiles through backbone + ASPP, pooled to 3 x 3, fc5
# (256), fc6 (1024), a 1000-way permutation classifier, cross-entropy.
_base_ = './encoders/r50-os16_deeplabv3plus.py'
model = dict(
    type='Jigsaw',
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
