# GraSS (Zhang et al., IEEE TGRS 2023) on the shared encoder: SimCLR as the
# released VISSL code computes it (both views in one batch, the standard
# NT-Xent with tau 0.5, gathered negatives) on the toolbox's SimCLR head
# (pooled ASPP output, MLP 256 -> 256 -> 64), trained on gradient-guided
# crops once GraSSStageHook ends the warm-up. The heat map is the loss
# gradient at layer4: 14 x 14 at 224 px at output stride 16 (the authors'
# trunk, output stride 32, gives 7 x 7: see simclr-vissl_r50-os32.py).
_base_ = './encoders/r50-os16_deeplabv3plus.py'
model = dict(
    type='GraSS',
    head=dict(
        type='GlobalContrastHead',
        in_channels=256,
        loss=dict(type='NTXentLoss', gather_negatives=True)),
    embed_from='aspp',
    heat_map_stage=3,
    threshold_ratio=0.5)
# The switch from the instance-discrimination warm-up (plain SimCLR) to
# sampling, after 100 epochs: the released code does not tell the warm-up
# length, so state it with every result. A leaf adds it to its hooks:
# custom_hooks = [*_base_.custom_hooks, _base_.grass_stage_hook]
grass_stage_hook = dict(type='GraSSStageHook', warmup_epochs=100)
# the decoder below the ASPP is not trained
model_wrapper_cfg = _base_.find_unused_wrapper
