# GraSS in the common protocol on LoveDA Urban (256 px windows of the
# training images; 3 bands): as grass_r50-os16_8xb32-400e_potsdam-rgbir.py.
_base_ = [
    '../_base_/models/grass_r50-os16.py',
    '../_base_/datasets/loveda-urban_pretrain.py',
    '../_base_/schedules/adam-cosine_400e.py',
]
custom_hooks = [*_base_.custom_hooks, _base_.grass_stage_hook]
train_dataloader = dict(dataset=dict(pipeline=_base_.pair_pipeline))
