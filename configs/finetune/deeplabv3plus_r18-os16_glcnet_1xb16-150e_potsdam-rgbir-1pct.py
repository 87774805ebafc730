# 1% protocol with ResNet-18, from
# configs/glcnet/glcnet_r18-os16_8xb32-400e_potsdam-rgbir.py.
_base_ = './deeplabv3plus_r50-os16_glcnet_1xb16-150e_potsdam-rgbir-1pct.py'
model = dict(
    backbone=dict(depth=18),
    init_cfg=dict(
        checkpoint='work_dirs/glcnet_r18-os16_8xb32-400e_potsdam-rgbir/'
        'best_loss_epoch_*.pth'))
