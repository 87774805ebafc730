# The 1% protocol on the generated demo data (python tools/make_demo_data.py),
# sized for a CPU: ResNet-18 OS16 from the GLCNet demo pretraining
# (configs/glcnet/glcnet_r18-os16_1xb16-2e_demo.py), the 16 tiles of
# trainR1 at batch 8, 128 px, the reference optimiser and decay for 40
# epochs. Model selection on trainSel, test on val.
_base_ = [
    '../_base_/models/deeplabv3plus_r50-os16.py',
    '../_base_/datasets/demo.py',
    '../_base_/schedules/adam-exp_40e_finetune.py',
]
model = dict(
    data_preprocessor=_base_.data_preprocessor,
    backbone=dict(depth=18),
    decode_head=dict(num_classes=_base_.num_classes),
    init_cfg=dict(
        type='PretrainedPart',
        checkpoint='work_dirs/glcnet_r18-os16_1xb16-2e_demo/'
        'best_loss_epoch_*.pth',
        mode='backbone+aspp'))
