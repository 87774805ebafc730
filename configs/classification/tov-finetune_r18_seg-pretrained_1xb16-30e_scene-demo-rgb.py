# The segmentation pretraining fine-tuned on the RGB scene demo data: the
# linear probe with every layer trained, BatchNorm statistics included.
_base_ = './tov-linear_r18_seg-pretrained_1xb16-30e_scene-demo-rgb.py'
model = dict(freeze_backbone=False)
