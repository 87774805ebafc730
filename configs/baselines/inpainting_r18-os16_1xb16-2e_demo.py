# Inpainting baseline on the demo tiles (GLCNet demo network, data,
# schedule): 96 px views with 16 holes of 8 px (the reference's 16 px holes
# in 224 px views, scaled).
_base_ = [
    '../_base_/models/inpainting_r50-os16.py',
    '../_base_/datasets/demo_pretrain.py',
    '../_base_/schedules/adam-cosine_2e.py',
]
model = dict(
    backbone=dict(depth=18),
    head=dict(skip_channels=(128, 64), channels=(128, 64)))
train_dataloader = dict(
    dataset=dict(pipeline=[
        _base_.inpainting_pipeline[0],
        dict(_base_.inpainting_pipeline[1], scale=96),
        dict(_base_.inpainting_pipeline[2], hole_size=8),
        _base_.inpainting_pipeline[3],
    ]))
