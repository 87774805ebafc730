# The fine-tuning protocol of the GLCNet reference code on ISPRS Potsdam
# (4-band R, G, B, NIR tiles of 256 px): DeepLabV3+ ResNet-50 OS16,
# fine-tuned on the 1% list (trainR1) for 150 epochs of Adam 1e-4 (x0.98
# per epoch), batch 16, the model selected on trainSel and tested on the 14
# test scenes ('val'). From random weights as it stands (no init_cfg); a
# method's fine-tune sets model.init_cfg = dict(pretrained_part, ...).
_base_ = [
    '../models/deeplabv3plus_r50-os16.py',
    '../datasets/potsdam-rgbir.py',
    '../schedules/adam-exp_150e_finetune.py',
]
model = dict(
    data_preprocessor=_base_.data_preprocessor,
    decode_head=dict(num_classes=_base_.num_classes))
# Initialisation from a pretraining checkpoint, loaded by name. mode:
# 'backbone' | 'backbone+aspp' (reference default) | 'all' (all but the
# classifier). The fine-tunes' checkpoint patterns match the lowest-loss
# checkpoint that every pretraining config keeps; override one with
# --cfg-options model.init_cfg.checkpoint=PATH.
pretrained_part = dict(type='PretrainedPart', mode='backbone+aspp')
