# LaST with a Swin-T backbone (96-d, depths 2-2-6-2; EsViT-style): the last
# stage pooled globally (neck GlobalAveragePooling), so DINO's head reads
# 768 channels. The last stage of a 96-px local crop is 3 x 3, smaller than
# the 7 x 7 window, which mmpretrain's Swin accepts with pad_small_map.
_base_ = './last_vit-s16.py'
model = dict(
    backbone=dict(
        _delete_=True,
        type='SwinTransformer',
        arch='tiny',
        img_size=224,
        pad_small_map=True),
    neck=dict(type='GlobalAveragePooling'))
