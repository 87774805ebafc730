# TOV's scene linear probe (tov_finetune_cls.bash) of a TOV checkpoint on
# AID (224 px): the frozen ResNet-50 of stage 2 of tools/train_tov.py (any
# toolbox checkpoint with model.init_cfg.checkpoint=PATH), a linear layer
# trained on 20 labelled images a class (split=train_k5/k50/k100 for the
# other counts of the released grid) with Adam 4e-3, cosine, 200 epochs,
# batch 64; the best epoch on the selection split tested on the test split.
_base_ = ['../_base_/models/linear-cls_r50.py',
          '../_base_/datasets/scene/aid.py',
          '../_base_/schedules/adam-cosine_200e_tov-cls.py']
train_dataloader = dict(dataset=dict(pipeline=_base_.tov_train_pipeline))
model = dict(init_cfg=dict(checkpoint='work_dirs/tov/stage2/epoch_800.pth'))
