# Baseline of the demo 1% protocol: the segmentor from a random init.
_base_ = '../_base_/finetune/deeplabv3plus_r18-os16_1xb8-40e_demo-1pct.py'
