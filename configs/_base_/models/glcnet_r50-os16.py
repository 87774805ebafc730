# GLCNet (Li et al., IEEE TGRS 2022) as in the reference code, on the shared
# encoder: the DeepLabV3+ head's 64-channel "classifier" gives the dense map
# of the local branch; the global branch projects the [mean || variance]
# statistics of the ASPP output (MLP 512 -> 256 -> 64), the local branch the
# window means of the dense map (MLP 64 -> 64 -> 64); both with the
# decoupled NT-Xent at tau 0.5, weighted 0.5 / 0.5. Negatives are gathered
# over all GPUs, so 8 x 32 behaves as the reference's single batch of 256.
_base_ = './encoders/r50-os16_deeplabv3plus.py'
model = dict(
    type='GLCNet',
    global_head=dict(
        _base_.global_projector,
        style=True,
        loss=dict(
            type='DecoupledNTXentLoss',
            temperature=0.5,
            gather_negatives=True)),
    local_head=dict(
        type='LocalMatchingHead',
        in_channels=64,
        hid_channels=64,
        out_channels=64,
        loss=dict(
            type='DecoupledNTXentLoss',
            temperature=0.5,
            gather_negatives=True)),
    loss_lambda=0.5,
    concat_views=False)
