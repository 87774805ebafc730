# LaST with the scene line's ResNet-50 (torchvision layout), for comparison
# with the CNN methods: the last stage pooled globally, DINO's head on 2048
# channels. Each crop size runs as its own batch, so the global and the
# local crops have their own BatchNorm statistics.
_base_ = './last_vit-s16.py'
model = dict(
    backbone=dict(
        _delete_=True,
        type='ResNet',
        depth=50,
        num_stages=4,
        out_indices=(3, ),
        style='pytorch',
        zero_init_residual=False),
    neck=dict(type='GlobalAveragePooling'))
