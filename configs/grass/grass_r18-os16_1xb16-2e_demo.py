# GraSS on the demo tiles: ResNet-18, the demo data, views and schedule;
# one epoch of warm-up, then one of gradient-guided sampling. The method as
# in grass_r50-os16_8xb32-400e_potsdam-rgbir.py.
_base_ = [
    '../_base_/models/grass_r50-os16.py',
    '../_base_/datasets/demo-pairs_pretrain.py',
    '../_base_/schedules/adam-cosine_2e.py',
]
model = dict(backbone=dict(depth=18))
custom_hooks = [
    *_base_.custom_hooks,
    dict(_base_.grass_stage_hook, warmup_epochs=1)]
