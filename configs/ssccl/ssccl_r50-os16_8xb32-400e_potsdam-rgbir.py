# SSCCL (Dong, Liu and Gu, IEEE TGRS 2023) in the GLCNet paper's setting:
# the same ResNet-50 OS16 + DeepLabV3+ network, Potsdam data, views,
# optimiser and schedule as configs/glcnet/, only the method differs.
# Instance branch: SimCLR-style global contrast of the pooled ASPP output.
# Consistency branch: dense 64-channel decoder map resampled onto an 8x8
# grid over the views' overlap; spatial (same ground point) and semantic
# (most similar location) positives. See docs/methods/ssccl.md.
_base_ = '../glcnet/glcnet_r50-os16_8xb32-400e_potsdam-rgbir.py'

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
        loss=dict(
            type='DecoupledNTXentLoss', temperature=0.5,
            gather_negatives=True)),
    consistency_head=dict(
        type='OverlapConsistencyHead',
        in_channels=64,
        hid_channels=64,
        out_channels=64,
        spatial=True,
        semantic=True,
        loss=dict(type='DenseInfoNCELoss', temperature=0.5)),
    dense_source='decoder',
    loss_weights=dict(instance=0.5, spatial=0.25, semantic=0.25),
    concat_views=False)

# The GLCNet views without windows, plus the common overlap grid.
train_pipeline = [
    dict(type='LoadRasterImageFromFile', num_bands=4),
    dict(type='GLCViews', num_windows=0),
    dict(type='OverlapGrids', grid_size=8, min_overlap=16),
    dict(type='PackInputs',
         algorithm_keys=['overlap_grids', 'overlap_valid']),
]
train_dataloader = dict(dataset=dict(pipeline=train_pipeline))
