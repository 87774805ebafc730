# SSCCL ablation: consistency branch without the semantic term.
_base_ = './ssccl_r50-os16_8xb32-400e_potsdam-rgbir.py'
model = dict(
    consistency_head=dict(semantic=False),
    loss_weights=dict(instance=0.5, spatial=0.5, semantic=0.0))
