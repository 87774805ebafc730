# The segmentation pretraining fine-tuned on UC Merced: the linear probe with
# every layer trained, BatchNorm statistics included.
_base_ = './tov-linear_r50_seg-pretrained_1xb64-200e_ucm.py'
model = dict(freeze_backbone=False)
