# The demo 1% protocol (see the base) with the backbone and ASPP initialised
# from the GLCNet demo pretraining
# (configs/glcnet/glcnet_r18-os16_1xb16-2e_demo.py).
_base_ = '../_base_/finetune/deeplabv3plus_r18-os16_1xb8-40e_demo-1pct.py'
model = dict(
    init_cfg=dict(
        _base_.pretrained_part,
        checkpoint='work_dirs/glcnet_r18-os16_1xb16-2e_demo/'
        'best_loss_epoch_*.pth'))
