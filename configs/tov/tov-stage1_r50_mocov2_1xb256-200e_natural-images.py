# Stage 1 of TOV's learning path "from general to specialised knowledge":
# self-supervised learning on natural images, starting from natural-image
# weights (torchvision's ImageNet-supervised ResNet-50; a local file, a URL
# or a stage-1 checkpoint of the toolbox through model.init_cfg, see
# tools/train_tov.py). The method is a config key: tov_method names the
# self-supervised method of the stage (MoCo v2 here; tools/train_tov.py
# --stage1-method swaps it). See docs/methods/tov.md.
_base_ = ['../_base_/models/mocov2_r50.py',
          '../_base_/datasets/scene/natural-images_pretrain.py',
          '../_base_/schedules/sgd-warmup-cosine_200e_tov.py']
tov_method = 'mocov2'
model = dict(init_cfg=dict(
    type='PretrainedBackbone', checkpoint='torchvision://resnet50',
    prefix='', ignore_keys=['^fc\\.']))
train_dataloader = dict(dataset=dict(pipeline=_base_.mocov2_pipeline))
