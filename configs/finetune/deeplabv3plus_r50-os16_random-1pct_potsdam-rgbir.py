# Baseline of the 1% protocol: the same segmentor from a random init.
_base_ = './deeplabv3plus_r50-os16_glcnet-1pct_potsdam-rgbir.py'
model = dict(init_cfg=None)
