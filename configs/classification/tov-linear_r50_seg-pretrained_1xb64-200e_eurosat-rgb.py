# TOV's linear probe (tov_finetune_cls.bash) on EuroSAT RGB at its own 64 px
# (the preset's input_size, as TOV ran it): the frozen ResNet-50 of any
# pretraining checkpoint of the toolbox (by default GLCNet on ISPRS Potsdam,
# whose R, G, B input channels the first convolution keeps: stem_bands), a
# linear layer trained on 20 labelled images a class
# (train_dataloader.dataset.split=train_k5/train_k50/train_k100 for TOV's
# other amounts). Set the checkpoint with model.init_cfg.checkpoint=PATH.
_base_ = ['../_base_/models/linear-cls_r50.py',
          '../_base_/datasets/scene/eurosat-rgb.py',
          '../_base_/schedules/adam-cosine_200e_tov-cls.py']
train_dataloader = dict(dataset=dict(pipeline=_base_.tov_train_pipeline))
model = dict(init_cfg=dict(
    checkpoint='work_dirs/glcnet_r50-*_potsdam-rgbir/best_loss_*.pth',
    stem_bands=[0, 1, 2]))
