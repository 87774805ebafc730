# DenseCL (Wang et al., CVPR 2021) with mmpretrain's algorithm on the shared
# encoder, as a dense baseline the GLCNet paper did not have: DenseCL neck
# 256 -> 256 -> 128 (global MLP and dense 1x1 convolutions), queues of 2048
# (the MoCo v2 baseline's), m = 0.999, temperature 0.2, dense loss weight
# 0.5 (switched on after a warm-up by DenseCLHook in the leaf).
_base_ = './encoders/r50-os16_deeplabv3plus.py'
model = dict(
    type='SegDenseCL',
    neck=dict(
        type='DenseCLNeck',
        in_channels=256,
        hid_channels=256,
        out_channels=128,
        num_grid=None),
    head=dict(_base_.contrastive_head, temperature=0.2),
    queue_len=2048,
    feat_dim=128,
    momentum=0.001,
    loss_lambda=0.5)
model_wrapper_cfg = _base_.find_unused_wrapper
