# RSISC's linear probe on NWPU-RESISC45 for LaST's ViT-S/16: the frozen
# teacher backbone of the LaST checkpoint (DINO evaluates the teacher;
# model.init_cfg.prefix='backbone.' for the student), its class token into a
# linear layer trained on 20 labelled images a class
# (train_dataloader.dataset.split=train_k5, train_p1.5, ... for others), the
# best epoch on the selection split tested on the test split.
_base_ = ['../_base_/models/linear-cls_vit-s16.py',
          '../_base_/datasets/scene/nwpu-resisc45.py',
          '../_base_/schedules/adam-cosine_200e_rsisc-cls.py']
model = dict(init_cfg=dict(
    checkpoint='work_dirs/last_vit-s16_*_nwpu-resisc45/epoch_*.pth',
    prefix='teacher.module.backbone.'))
