# Inpainting baseline of the GLCNet paper (reference self_mode 4) on the
# shared encoder: backbone + ASPP and a decoder with layer2/layer1 skips
# reconstruct every band of the image (the output band count follows the
# data preprocessor); loss 0.99 * MSE(holes) + 0.01 * MSE(context).
_base_ = './encoders/r50-os16_deeplabv3plus.py'
model = dict(
    type='Inpainting',
    head=dict(
        type='InpaintingHead',
        in_channels=256,
        skip_channels=(512, 256),  # ResNet-50 layer2, layer1
        skip_indices=(1, 0),
        channels=(256, 64),
        hole_weight=0.99,
        context_weight=0.01,
        norm_cfg=_base_.norm_cfg))
model_wrapper_cfg = _base_.find_unused_wrapper
# Its views (a leaf sets pipeline=inpainting_pipeline): one random resized
# crop of area 0.4-1 to 224 px, 16 holes of 16 x 16 px drawn anew for every
# sample and blanked in all bands.
inpainting_pipeline = [
    dict(type='LoadRasterImageFromFile'),
    dict(type='RandomResizedCrop', scale=224, crop_ratio_range=(0.4, 1.0),
         backend='cv2'),
    dict(type='RandomHoles', num_holes=16, hole_size=16),
    dict(type='PackInputs', algorithm_keys=['hole_mask']),
]
