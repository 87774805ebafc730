# ViT-S/16 of the scene line: mmpretrain's VisionTransformer 'deit-small'
# (384-d, 12 layers, 6 heads; mmpretrain's 'small' is a different, 768-d
# model), 224-px input, the class token as output. The positional embedding
# is interpolated for other input sizes (DINO's 96-px local crops). No band
# count: the model takes it from the data preprocessor of the dataset
# setting; heads take their width from the backbone.
model = dict(
    backbone=dict(
        type='VisionTransformer',
        arch='deit-small',
        patch_size=16,
        img_size=224,
        out_type='cls_token'))
