# RSISC's linear probe (main_cls.py --hos 9) on the scene demo data,
# shortened for a CPU (30 epochs of Adam 4e-3, batch 16): the frozen
# ResNet-18 of a pretraining checkpoint (by default RSISC's SimCLR on the
# same data; any toolbox checkpoint with model.init_cfg.checkpoint=PATH, or
# model.init_cfg=None for random weights), a linear layer trained on 20
# labelled images a class (train_dataloader.dataset.split=train_k5 for 5),
# the best epoch on the selection split tested on the test split.
_base_ = ['../_base_/models/linear-cls_r50.py',
          '../_base_/datasets/scene/scene-demo.py',
          '../_base_/schedules/adam-cosine_30e_scene-demo.py']
model = dict(
    backbone=dict(depth=18),
    init_cfg=dict(
        checkpoint='work_dirs/rsisc-simclr_r18_*_scene-demo/best_loss_*.pth'))
