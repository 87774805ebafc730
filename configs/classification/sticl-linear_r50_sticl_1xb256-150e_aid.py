# STICL's linear probe (finetune.py, README) on AID: the frozen ResNet-50 of
# a pretraining checkpoint (by default STICL on the same data; any toolbox
# checkpoint with model.init_cfg.checkpoint=PATH), a linear layer trained on
# N = 20 labelled images a class (train_dataloader.dataset.split=train_k5
# for 5) with SGD 0.01, 150 epochs, lr x0.1 at 80 and 120, batch 256; the
# best epoch on the selection split tested on the test split.
_base_ = ['../_base_/models/linear-cls_r50.py',
          '../_base_/datasets/scene/aid.py',
          '../_base_/schedules/sgd-step_150e_sticl-cls.py']
train_dataloader = dict(
    batch_size=256, dataset=dict(pipeline=_base_.sticl_train_pipeline))
val_dataloader = dict(dataset=dict(pipeline=_base_.sticl_test_pipeline))
test_dataloader = dict(dataset=dict(pipeline=_base_.sticl_test_pipeline))
model = dict(init_cfg=dict(
    checkpoint='work_dirs/sticl_r50_1xb256-300e_aid/best_loss_*.pth'))
