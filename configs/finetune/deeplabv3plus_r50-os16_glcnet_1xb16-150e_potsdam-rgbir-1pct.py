# GLCNet fine-tuning protocol of the reference code on ISPRS Potsdam (4-band
# R, G, B, NIR tiles of 256 px): DeepLabV3+ ResNet-50 OS16 initialised with
# the backbone and ASPP of a GLCNet checkpoint, fine-tuned on the 1% list
# (trainR1) for 150 epochs of Adam 1e-4 (x0.98 per epoch), batch 16, the
# model selected on trainSel and tested on the 14 test scenes ('val').
_base_ = [
    '../_base_/models/deeplabv3plus_r50-os16.py',
    '../_base_/datasets/potsdam-rgbir.py',
    '../_base_/schedules/adam-exp_150e_finetune.py',
]
# mode: 'backbone' | 'backbone+aspp' (reference default) | 'all' (all but
# the classifier). The pattern matches the lowest-loss checkpoint that every
# pretraining config keeps; override it with
# --cfg-options model.init_cfg.checkpoint=PATH.
model = dict(
    data_preprocessor=_base_.data_preprocessor,
    decode_head=dict(num_classes=_base_.num_classes),
    init_cfg=dict(
        type='PretrainedPart',
        checkpoint='work_dirs/glcnet_r50-os16_8xb32-400e_potsdam-rgbir/'
        'best_loss_epoch_*.pth',
        mode='backbone+aspp'))
