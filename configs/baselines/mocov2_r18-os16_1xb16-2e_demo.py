# MoCo v2 baseline on the demo tiles: the network, data, views and schedule of
# the GLCNet demo config, method as in mocov2_r50-os16_8xb32-400e_potsdam-rgbir.py.
_base_ = [
    '../_base_/models/mocov2_r50-os16.py',
    '../_base_/datasets/demo-pairs_pretrain.py',
    '../_base_/schedules/adam-cosine_2e.py',
]
model = dict(backbone=dict(depth=18))
