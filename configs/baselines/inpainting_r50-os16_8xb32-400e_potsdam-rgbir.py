# Inpainting baseline of the GLCNet paper (reference self_mode 4): one view
# (random resized crop of area 0.4-1 to 224 px), 16 holes of 16 x 16 px drawn
# anew for every sample and blanked in all bands; backbone + ASPP and a
# decoder with layer2/layer1 skips reconstruct the image; loss
# 0.99 * MSE(holes) + 0.01 * MSE(context).
_base_ = '../glcnet/glcnet_r50-os16_8xb32-400e_potsdam-rgbir.py'

model = dict(
    _delete_=True,
    type='Inpainting',
    data_preprocessor={{_base_.model.data_preprocessor}},
    backbone={{_base_.model.backbone}},
    decode_head={{_base_.model.decode_head}},
    head=dict(
        type='InpaintingHead',
        in_channels=256,
        skip_channels=(512, 256),  # ResNet-50 layer2, layer1
        skip_indices=(1, 0),
        channels=(256, 64),
        out_channels=4,
        hole_weight=0.99,
        context_weight=0.01,
        norm_cfg=dict(type='SyncBN', requires_grad=True)))
model_wrapper_cfg = dict(
    type='MMDistributedDataParallel', find_unused_parameters=True)

train_pipeline = [
    dict(type='LoadRasterImageFromFile', num_bands=4),
    dict(
        type='RandomResizedCrop',
        scale=224,
        crop_ratio_range=(0.4, 1.0),
        backend='cv2'),
    dict(type='RandomHoles', num_holes=16, hole_size=16),
    dict(type='PackInputs', algorithm_keys=['hole_mask']),
]
train_dataloader = dict(dataset=dict(pipeline=train_pipeline))
