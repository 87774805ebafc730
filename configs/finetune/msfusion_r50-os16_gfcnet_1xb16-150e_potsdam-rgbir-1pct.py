# GFCNet's multi-scale fine-tuning in the 1% protocol on Potsdam: the
# DeepLabV3+ segmentor whose decoder also fuses C3 and C4
# (MultiScaleFusionHead, a reconstruction of the paper's MFFS), backbone and
# ASPP initialised from the GFCNet pretraining. See docs/methods/gfcnet.md.
_base_ = '../_base_/finetune/deeplabv3plus_r50-os16_1xb16-150e_potsdam-rgbir-1pct.py'
model = dict(
    decode_head=dict(type='MultiScaleFusionHead', fusion_in_index=(1, 2)),
    init_cfg=dict(
        _base_.pretrained_part,
        checkpoint='work_dirs/gfcnet_r50-os16_8xb32-400e_potsdam-rgbir/'
        'best_loss_epoch_*.pth'))
