# SSCCL on the demo tiles: the network, data, views and schedule of the
# GLCNet demo config (ResNet-18 OS16, 96 px views, 2 epochs), method as in
# ssccl_r50-os16_8xb32-400e_potsdam-rgbir.py.
_base_ = '../glcnet/glcnet_r18-os16_1xb16-2e_demo.py'

model = dict(
    _delete_=True,
    type='SSCCL',
    data_preprocessor={{_base_.model.data_preprocessor}},
    backbone={{_base_.model.backbone}},
    decode_head={{_base_.model.decode_head}},
    instance_head=dict(
        type='GlobalStyleHead',
        in_channels=256,
        hid_channels=256,
        out_channels=64,
        style=False,
        loss=dict(type='DecoupledNTXentLoss', temperature=0.5)),
    consistency_head=dict(
        type='OverlapConsistencyHead',
        in_channels=64,
        hid_channels=64,
        out_channels=64,
        loss=dict(type='DenseInfoNCELoss', temperature=0.5)),
    dense_source='decoder',
    loss_weights=dict(instance=0.5, spatial=0.25, semantic=0.25))

train_pipeline = [
    dict(type='LoadRasterImageFromFile', num_bands=4),
    dict(type='GLCViews', crop_size=96, num_windows=0),
    dict(type='OverlapGrids', grid_size=8, min_overlap=8),
    dict(type='PackInputs',
         algorithm_keys=['overlap_grids', 'overlap_valid']),
]
train_dataloader = dict(dataset=dict(pipeline=train_pipeline))
