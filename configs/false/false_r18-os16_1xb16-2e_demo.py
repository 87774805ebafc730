# FALSE on the demo tiles: ResNet-18, the demo data, views and schedule;
# the method as in false_r50-os16_8xb32-400e_potsdam-rgbir.py.
_base_ = [
    '../_base_/models/false_r50-os16.py',
    '../_base_/datasets/demo-pairs_pretrain.py',
    '../_base_/schedules/adam-cosine_2e.py',
]
model = dict(backbone=dict(depth=18))
