# Colourisation of RSISC, with the colour image as target on the scene demo
# data (13 bands, 32 px) on a CPU: ResNet-18, 2 epochs of batch 32. See
# docs/scene_classification.md.
_base_ = ['../_base_/models/rsisc-colorization_r50.py',
          '../_base_/datasets/scene/scene-demo_pretrain.py',
          '../_base_/schedules/adam-cosine_2e_rsisc.py']
model = dict(backbone=dict(depth=18))
train_dataloader = dict(dataset=dict(pipeline=_base_.pretext_pipeline))
