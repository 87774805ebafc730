# Baseline of the 10% protocol: the same segmentor from a random init.
_base_ = './deeplabv3plus_r50-os16_random_1xb16-150e_potsdam-rgbir-1pct.py'
train_dataloader = dict(dataset=dict(split='trainR10'))
