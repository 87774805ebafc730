# SSCCL (Dong, Liu and Gu, IEEE TGRS 2023), reconstructed in the GLCNet
# paper's setting on the shared encoder. Instance branch: SimCLR-style
# global contrast of the pooled ASPP output. Consistency branch: the
# 64-channel decoder map resampled onto an 8x8 grid over the views' overlap;
# spatial (same ground point) and semantic (most similar location)
# positives. See docs/methods/ssccl.md. Its views add the overlap grid:
#   [..., dict(type='PairedViews', num_windows=0),
#    dict(type='OverlapGrids', grid_size=8, min_overlap=16),
#    dict(type='PackInputs', algorithm_keys=['overlap_grids',
#                                            'overlap_valid'])]
_base_ = './encoders/r50-os16_deeplabv3plus.py'
model = dict(
    type='SSCCL',
    instance_head=dict(
        _base_.global_projector,
        loss=dict(
            type='DecoupledNTXentLoss',
            temperature=0.5,
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
