# MoCo v2 baseline on the demo tiles (GLCNet demo network, data, schedule);
# method as in mocov2_r50-os16_8xb32-400e_potsdam-rgbir.py.
_base_ = '../glcnet/glcnet_r18-os16_1xb16-2e_demo.py'

model = dict(
    _delete_=True,
    type='SegMoCo',
    data_preprocessor={{_base_.model.data_preprocessor}},
    backbone={{_base_.model.backbone}},
    decode_head={{_base_.model.decode_head}},
    neck=dict(
        type='MoCoV2Neck', in_channels=256, hid_channels=256,
        out_channels=64),
    head=dict(
        type='ContrastiveHead', loss=dict(type='CrossEntropyLoss'),
        temperature=0.07),
    queue_len=2048,
    feat_dim=64,
    momentum=0.001)
model_wrapper_cfg = dict(
    type='MMDistributedDataParallel', find_unused_parameters=True)
train_pipeline = [
    dict(type='LoadRasterImageFromFile', num_bands=4),
    dict(type='GLCViews', crop_size=96, num_windows=0),
    dict(type='PackInputs'),
]
train_dataloader = dict(dataset=dict(pipeline=train_pipeline))
