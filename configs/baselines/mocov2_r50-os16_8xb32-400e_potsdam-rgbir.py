# MoCo v2 baseline of the GLCNet paper (reference self_mode 3) with
# mmpretrain's MoCo: query/key encoders = backbone + ASPP + global average
# pool, MLP 256 -> 256 -> 64 (MoCoV2Neck), momentum m = 0.999 (mmengine's
# EMA takes 1 - m), a queue of 2048 keys, temperature 0.07, the GLCNet
# views. The query encoder is saved under backbone.* / decode_head.*.
_base_ = '../glcnet/glcnet_r50-os16_8xb32-400e_potsdam-rgbir.py'

model = dict(
    _delete_=True,
    type='SegMoCo',
    data_preprocessor={{_base_.model.data_preprocessor}},
    backbone={{_base_.model.backbone}},
    decode_head={{_base_.model.decode_head}},
    neck=dict(
        type='MoCoV2Neck',
        in_channels=256,
        hid_channels=256,
        out_channels=64,
        with_avg_pool=True),
    head=dict(
        type='ContrastiveHead',
        loss=dict(type='CrossEntropyLoss'),
        temperature=0.07),
    queue_len=2048,
    feat_dim=64,
    momentum=0.001)
model_wrapper_cfg = dict(
    type='MMDistributedDataParallel', find_unused_parameters=True)

train_pipeline = [
    dict(type='LoadRasterImageFromFile', num_bands=4),
    dict(type='GLCViews', num_windows=0),
    dict(type='PackInputs'),
]
train_dataloader = dict(dataset=dict(pipeline=train_pipeline))
