# Ablation "noGlobal" (reference self_mode 12): local matching loss only,
# with weight 1.
_base_ = './glcnet_r50-os16_8xb32-400e_potsdam-rgbir.py'
model = dict(global_head=None)
