# MoCo v2 baseline of the GLCNet paper (reference self_mode 3) with
# mmpretrain's MoCo on the shared encoder: query/key encoders = backbone +
# ASPP + global average pool, MLP 256 -> 256 -> 64 (MoCoV2Neck), momentum
# m = 0.999 (mmengine's EMA takes 1 - m), a queue of 2048 keys, temperature
# 0.07. The query encoder is saved under backbone.* / decode_head.*.
_base_ = './encoders/r50-os16_deeplabv3plus.py'
model = dict(
    type='SegMoCo',
    neck=dict(
        type='MoCoV2Neck',
        in_channels=256,
        hid_channels=256,
        out_channels=64,
        with_avg_pool=True),
    head=dict(_base_.contrastive_head, temperature=0.07),
    queue_len=2048,
    feat_dim=64,
    momentum=0.001)
model_wrapper_cfg = _base_.find_unused_wrapper
