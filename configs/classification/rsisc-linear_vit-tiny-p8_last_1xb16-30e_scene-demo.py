# RSISC's linear probe on the scene demo data (13 bands, 32 px) for the
# demo LaST ViT (deit-tiny width, 8-px patches), shortened for a CPU (30
# epochs of Adam 4e-3, batch 16): the frozen teacher backbone of the demo
# LaST checkpoint, its class token into a linear layer trained on 20
# labelled images a class, the best epoch on the selection split tested on
# the test split.
_base_ = ['../_base_/models/linear-cls_vit-s16.py',
          '../_base_/datasets/scene/scene-demo.py',
          '../_base_/schedules/adam-cosine_30e_scene-demo.py']
model = dict(
    backbone=dict(arch='deit-tiny', patch_size=8, img_size=32),
    init_cfg=dict(
        checkpoint='work_dirs/last_vit-tiny-p8_*_scene-demo/epoch_*.pth',
        prefix='teacher.module.backbone.'))
