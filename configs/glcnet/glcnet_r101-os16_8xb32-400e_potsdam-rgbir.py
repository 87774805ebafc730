# GLCNet with a ResNet-101 backbone (the reference's other choice); the
# backbone swap is this one line.
_base_ = './glcnet_r50-os16_8xb32-400e_potsdam-rgbir.py'
model = dict(backbone=dict(depth=101))
