# The 1% protocol on Potsdam (DeepLabV3+, see the base) with the backbone
# and ASPP initialised from the GLCNet pretraining, as the reference code.
_base_ = '../_base_/finetune/deeplabv3plus_r50-os16_1xb16-150e_potsdam-rgbir-1pct.py'
model = dict(
    init_cfg=dict(
        _base_.pretrained_part,
        checkpoint='work_dirs/glcnet_r50-os16_8xb32-400e_potsdam-rgbir/'
        'best_loss_epoch_*.pth'))
