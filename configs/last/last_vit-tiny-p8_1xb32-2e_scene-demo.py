# LaST on the scene demo data (13 bands, 32 px) on a CPU: a ViT of
# mmpretrain's 'deit-tiny' width (192-d, 12 layers) with 8-px patches,
# 2 global crops of 32 px and 2 local crops of 16 px, a head of 1024
# prototypes, 2 epochs of batch 32 (10 steps). Checks the pipeline end to
# end; it learns nothing worth probing. See docs/methods/last.md.
_base_ = ['../_base_/models/last_vit-s16.py',
          '../_base_/datasets/scene/scene-demo_pretrain.py',
          '../_base_/schedules/adamw-cosine_2e_last-demo.py']
model = dict(
    backbone=dict(arch='deit-tiny', patch_size=8, img_size=32),
    head=dict(out_dim=1024, hidden_dim=256, bottleneck_dim=64))
train_dataloader = dict(dataset=dict(pipeline=[
    _base_.load,
    dict(type='MultiView', num_views=[1, 1, 2], transforms=[
        [dict(_base_.global_crop, scale=32), *_base_.global_1],
        [dict(_base_.global_crop, scale=32), *_base_.global_2],
        [dict(_base_.local_crop, scale=16), *_base_.local]]),
    _base_.pack,
]))
