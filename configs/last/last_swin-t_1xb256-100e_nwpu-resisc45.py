# LaST with Swin-T (globally pooled) on the unlabelled NWPU-RESISC45 images:
# the ViT-S/16 recipe with the transformer swapped. See
# docs/methods/last.md.
_base_ = ['../_base_/models/last_swin-t.py',
          '../_base_/datasets/scene/nwpu-resisc45_pretrain.py',
          '../_base_/schedules/adamw-cosine_100e_last.py']
train_dataloader = dict(dataset=dict(pipeline=_base_.multicrop_pipeline))
