# GLCNet with a ResNet-18 backbone; the decode head's input widths follow
# the backbone.
_base_ = './glcnet_r50-os16_8xb32-400e_potsdam-rgbir.py'
model = dict(backbone=dict(depth=18))
