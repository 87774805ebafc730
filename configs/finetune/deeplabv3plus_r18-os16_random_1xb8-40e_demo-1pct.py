# Baseline of the demo 1% protocol: the same segmentor from a random init.
_base_ = './deeplabv3plus_r18-os16_glcnet_1xb8-40e_demo-1pct.py'
model = dict(init_cfg=None)
