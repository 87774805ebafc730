# Baseline of the demo 1% protocol: the same segmentor from a random init.
_base_ = './deeplabv3plus_r18-os16_glcnet-1pct_demo.py'
model = dict(init_cfg=None)
