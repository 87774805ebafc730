# Stage 1 of TOV's learning path shortened for a CPU, with the RGB scene
# demo images standing in for natural images: ResNet-18 from random
# weights (model.init_cfg.checkpoint=torchvision://resnet18 starts it from
# ImageNet-supervised weights, a download), a queue of 256 keys, 2 epochs
# of batch 32 with a one-epoch warm-up.
_base_ = ['../_base_/models/mocov2_r50.py',
          '../_base_/datasets/scene/scene-demo-rgb_pretrain.py',
          '../_base_/schedules/sgd-warmup-cosine_2e_tov.py']
tov_method = 'mocov2'
model = dict(backbone=dict(depth=18), queue_len=256)
train_dataloader = dict(dataset=dict(pipeline=_base_.mocov2_pipeline))
