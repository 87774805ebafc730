# As the 1 % protocol, fine-tuned on the 5 % list (trainR5).
_base_ = './fcn_r50-os8_tov_1xb16-200e_potsdam-rgbir-1pct.py'
train_dataloader = dict(dataset=dict(split='trainR5'))
