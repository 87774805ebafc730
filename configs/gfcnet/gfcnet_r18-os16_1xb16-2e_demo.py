# GFCNet on the demo tiles: ResNet-18, the SimCLR demo views, 2 epochs; each
# tile placed on the 6 x 6 grid of its scene.
_base_ = [
    '../_base_/models/gfcnet_r50-os16.py',
    '../_base_/datasets/demo_pretrain.py',
    '../_base_/schedules/adam-cosine_2e.py',
]
train_dataloader = dict(dataset=dict(pipeline=_base_.position_pipeline))
model = dict(backbone=dict(depth=18))
