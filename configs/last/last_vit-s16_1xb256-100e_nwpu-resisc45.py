# LaST with ViT-S/16 on the unlabelled NWPU-RESISC45 images (all but the
# test ones): DINO's 2 x 224 + 8 x 96 crops, 100 epochs of batch 256. The
# linear probe and fine-tuning configs are in configs/classification/
# (rsisc-*_vit-s16_last_*). See docs/methods/last.md.
_base_ = ['../_base_/models/last_vit-s16.py',
          '../_base_/datasets/scene/nwpu-resisc45_pretrain.py',
          '../_base_/schedules/adamw-cosine_100e_last.py']
train_dataloader = dict(dataset=dict(pipeline=_base_.multicrop_pipeline))
