# Baseline of the 5% protocol: the same segmentor from a random init.
_base_ = './deeplabv3plus_r50-os16_random-1pct_potsdam-rgbir.py'
train_dataloader = dict(dataset=dict(split='trainR5'))
