# GFCNet's multi-scale fine-tuning on LoveDA Rural (the paper's reported
# dataset): MultiScaleFusionHead, backbone and ASPP from the GFCNet
# pretraining on the same images, every training label, 512 px crops at
# batch 8, the toolbox's fine-tuning schedule; selected and tested on Val.
_base_ = [
    '../_base_/models/deeplabv3plus_r50-os16.py',
    '../_base_/datasets/loveda-rural.py',
    '../_base_/schedules/adam-exp_150e_finetune.py',
]
model = dict(
    data_preprocessor=_base_.data_preprocessor,
    decode_head=dict(
        type='MultiScaleFusionHead',
        fusion_in_index=(1, 2),
        num_classes=_base_.num_classes),
    init_cfg=dict(
        type='PretrainedPart',
        checkpoint='work_dirs/gfcnet_r50-os16_8xb32-400e_loveda-rural/'
        'best_loss_epoch_*.pth',
        mode='backbone+aspp'))
