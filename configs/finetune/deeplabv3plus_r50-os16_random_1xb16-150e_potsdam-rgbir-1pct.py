# Baseline of the 1% protocol: the same segmentor from a random init.
_base_ = './deeplabv3plus_r50-os16_glcnet_1xb16-150e_potsdam-rgbir-1pct.py'
model = dict(init_cfg=None)
