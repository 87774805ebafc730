# Inpainting baseline on the demo tiles (GLCNet demo network, data,
# schedule): 96 px views with 16 holes of 8 px (the reference's 16 px holes
# in 224 px views, scaled).
_base_ = '../glcnet/glcnet_r18-os16_1xb16-2e_demo.py'

model = dict(
    _delete_=True,
    type='Inpainting',
    data_preprocessor={{_base_.model.data_preprocessor}},
    backbone={{_base_.model.backbone}},
    decode_head={{_base_.model.decode_head}},
    head=dict(
        type='InpaintingHead',
        in_channels=256,
        skip_channels=(128, 64),  # ResNet-18 layer2, layer1
        skip_indices=(1, 0),
        channels=(128, 64),
        out_channels=4,
        norm_cfg={{_base_.model.decode_head.norm_cfg}}))
model_wrapper_cfg = dict(
    type='MMDistributedDataParallel', find_unused_parameters=True)
train_pipeline = [
    dict(type='LoadRasterImageFromFile', num_bands=4),
    dict(
        type='RandomResizedCrop',
        scale=96,
        crop_ratio_range=(0.4, 1.0),
        backend='cv2'),
    dict(type='RandomHoles', num_holes=16, hole_size=8),
    dict(type='PackInputs', algorithm_keys=['hole_mask']),
]
train_dataloader = dict(dataset=dict(pipeline=train_pipeline))
