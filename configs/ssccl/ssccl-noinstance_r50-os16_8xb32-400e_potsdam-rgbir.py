# SSCCL ablation: consistency branch only (no instance branch).
_base_ = './ssccl_r50-os16_8xb32-400e_potsdam-rgbir.py'
model = dict(
    instance_head=None,
    loss_weights=dict(instance=0.0, spatial=0.5, semantic=0.5))
