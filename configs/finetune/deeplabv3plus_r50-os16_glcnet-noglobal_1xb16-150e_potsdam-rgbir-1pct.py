# 1% protocol from the GLCNet ablation pretrained by
# configs/glcnet/glcnet-noglobal_r50-os16_8xb32-400e_potsdam-rgbir.py.
_base_ = './deeplabv3plus_r50-os16_glcnet_1xb16-150e_potsdam-rgbir-1pct.py'
model = dict(
    init_cfg=dict(
        checkpoint='work_dirs/glcnet-noglobal_r50-os16_8xb32-400e_'
        'potsdam-rgbir/best_loss_epoch_*.pth'))
