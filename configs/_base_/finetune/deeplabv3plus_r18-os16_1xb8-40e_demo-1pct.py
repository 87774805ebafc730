# The 1% protocol on the generated demo data (python tools/make_demo_data.py),
# sized for a CPU: DeepLabV3+ ResNet-18 OS16, the 16 tiles of trainR1 at
# batch 8, 128 px, the reference optimiser and decay for 40 epochs, model
# selection on trainSel, test on val. From random weights as it stands; a
# method's fine-tune sets model.init_cfg = dict(pretrained_part, ...).
_base_ = [
    '../models/deeplabv3plus_r50-os16.py',
    '../datasets/demo.py',
    '../schedules/adam-exp_40e_finetune.py',
]
model = dict(
    data_preprocessor=_base_.data_preprocessor,
    backbone=dict(depth=18),
    decode_head=dict(num_classes=_base_.num_classes))
pretrained_part = dict(type='PretrainedPart', mode='backbone+aspp')
