# As the 1% ImageNet-init protocol, fine-tuned on the 10% list (trainR10).
_base_ = './deeplabv3plus_r50-os16_imagenet_1xb16-150e_potsdam-rgbir-1pct.py'
train_dataloader = dict(dataset=dict(split='trainR10'))
