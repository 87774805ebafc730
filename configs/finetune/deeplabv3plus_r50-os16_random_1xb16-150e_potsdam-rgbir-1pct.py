# Baseline of the 1% protocol: the segmentor from a random init.
_base_ = '../_base_/finetune/deeplabv3plus_r50-os16_1xb16-150e_potsdam-rgbir-1pct.py'
