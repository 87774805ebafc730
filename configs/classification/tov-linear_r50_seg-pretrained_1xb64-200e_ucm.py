# A segmentation pretraining judged on scene classification with TOV's linear
# probe (tov_finetune_cls.bash) on UC Merced (224 px): the ResNet of any
# segmentation pretraining checkpoint of the toolbox (GLCNet, SSCCL, SimCLR,
# MoCo v2, DenseCL, inpainting, jigsaw; by default GLCNet on ISPRS Potsdam)
# loaded into the classifier by name, frozen, with a linear layer trained on
# 20 labelled images a class. The pretraining saw R, G, B, NIR; the first
# convolution keeps its R, G, B input channels (stem_bands). Set the
# checkpoint with model.init_cfg.checkpoint=PATH.
_base_ = ['../_base_/models/linear-cls_r50.py',
          '../_base_/datasets/scene/ucm.py',
          '../_base_/schedules/adam-cosine_200e_tov-cls.py']
train_dataloader = dict(dataset=dict(pipeline=_base_.tov_train_pipeline))
model = dict(init_cfg=dict(
    checkpoint='work_dirs/glcnet_r50-*_potsdam-rgbir/best_loss_*.pth',
    stem_bands=[0, 1, 2]))
