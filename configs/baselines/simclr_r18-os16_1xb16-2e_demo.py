# SimCLR baseline on the demo tiles (GLCNet demo network, data, schedule).
_base_ = '../glcnet/glcnet_r18-os16_1xb16-2e_demo.py'

model = dict(global_head=dict(style=False), local_head=None)
model_wrapper_cfg = dict(
    type='MMDistributedDataParallel', find_unused_parameters=True)
train_pipeline = [
    dict(type='LoadRasterImageFromFile', num_bands=4),
    dict(type='GLCViews', crop_size=96, num_windows=0),
    dict(type='PackInputs'),
]
train_dataloader = dict(dataset=dict(pipeline=train_pipeline))
