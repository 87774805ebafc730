# LaST with ResNet-50 on the unlabelled NWPU-RESISC45 images: the ViT-S/16
# recipe with a CNN, to separate the recipe from the transformer (the
# abstract credits both). Probe it with the ResNet-50 classifier
# (classification/rsisc-linear_r50_*) and
# model.init_cfg.prefix='teacher.module.backbone.'. See
# docs/methods/last.md.
_base_ = ['../_base_/models/last_r50.py',
          '../_base_/datasets/scene/nwpu-resisc45_pretrain.py',
          '../_base_/schedules/adamw-cosine_100e_last.py']
train_dataloader = dict(dataset=dict(pipeline=_base_.multicrop_pipeline))
