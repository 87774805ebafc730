# DenseCL (Wang et al., CVPR 2021) with mmpretrain's algorithm, as a dense
# baseline the GLCNet paper did not have: backbone + ASPP encoder, DenseCL
# neck 256 -> 256 -> 128 (global MLP and dense 1x1 convolutions), queues of
# 2048 (the MoCo v2 baseline's), m = 0.999, temperature 0.2, dense loss
# weight 0.5 after 1000 warm-up iterations (DenseCLHook), the GLCNet views.
_base_ = '../glcnet/glcnet_r50-os16_8xb32-400e_potsdam-rgbir.py'

model = dict(
    _delete_=True,
    type='SegDenseCL',
    data_preprocessor={{_base_.model.data_preprocessor}},
    backbone={{_base_.model.backbone}},
    decode_head={{_base_.model.decode_head}},
    neck=dict(
        type='DenseCLNeck',
        in_channels=256,
        hid_channels=256,
        out_channels=128,
        num_grid=None),
    head=dict(
        type='ContrastiveHead',
        loss=dict(type='CrossEntropyLoss'),
        temperature=0.2),
    queue_len=2048,
    feat_dim=128,
    momentum=0.001,
    loss_lambda=0.5)
model_wrapper_cfg = dict(
    type='MMDistributedDataParallel', find_unused_parameters=True)

train_pipeline = [
    dict(type='LoadRasterImageFromFile', num_bands=4),
    dict(type='GLCViews', num_windows=0),
    dict(type='PackInputs'),
]
train_dataloader = dict(dataset=dict(pipeline=train_pipeline))
custom_hooks = [
    dict(type='TrainLossCheckpointHook'),
    dict(type='DenseCLHook', start_iters=1000),
]
