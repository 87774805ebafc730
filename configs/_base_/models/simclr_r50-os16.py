# SimCLR baseline of the GLCNet paper (reference self_mode 2) on the shared
# encoder: global average pool of the ASPP output, MLP 256 -> 256 -> 64,
# decoupled NT-Xent with tau = 0.5, two forward passes. This is exactly
# GLCNet's global branch without the style statistics and without the local
# branch, so it is expressed with GLCNet's algorithm; mmpretrain's SimCLR
# would interleave the views into one BatchNorm batch and use the standard
# NT-Xent (see docs/methods/baselines.md).
_base_ = './encoders/r50-os16_deeplabv3plus.py'
model = dict(
    type='GLCNet',
    global_head=dict(
        _base_.global_projector,
        loss=dict(
            type='DecoupledNTXentLoss',
            temperature=0.5,
            gather_negatives=True)),
    local_head=None)
# the decoder is never used, so DDP must tolerate parameters without grads
model_wrapper_cfg = _base_.find_unused_wrapper
