# STICL on AID with the released code's --aug-plus: the MoCo v2 augmentation
# (jitter with probability 0.8 and hue 0.1, Gaussian blur) instead of MoCo
# v1's; everything else as sticl_r50_1xb256-300e_aid.py.
_base_ = './sticl_r50_1xb256-300e_aid.py'
train_dataloader = dict(dataset=dict(dataset=dict(
    pipeline=_base_.sticl_v2_pipeline)))
