# TOV's segmentation protocol (main_seg.py --train_scale 0.01) on ISPRS
# Potsdam (R, G, B, NIR tiles of 256 px): the FCN on an output-stride-8
# ResNet-50 whose backbone comes from a TOV checkpoint (stage 2 of
# tools/train_tov.py by default; any toolbox or torchvision checkpoint with
# model.init_cfg.checkpoint=PATH, prefix='' for torchvision keys), its RGB
# stem inflated to the four bands; every layer fine-tuned on the 1 % list
# (trainR1) for 200 epochs of Adam 5e-3 with cosine decay, batch 16; model
# selection on trainSel, test on the 14 test scenes ('val').
_base_ = [
    '../_base_/models/fcn_r50-os8.py',
    '../_base_/datasets/potsdam-rgbir.py',
    '../_base_/schedules/adam-cosine_200e_tov-seg.py',
]
model = dict(
    data_preprocessor=_base_.data_preprocessor,
    decode_head=dict(num_classes=_base_.num_classes),
    init_cfg=dict(
        type='PretrainedBackbone',
        checkpoint='work_dirs/tov/stage2/epoch_800.pth',
        rgb_bands=(0, 1, 2)))
