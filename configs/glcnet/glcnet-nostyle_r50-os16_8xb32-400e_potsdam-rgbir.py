# Ablation "noStyle" (reference self_mode 11): the global branch uses the
# channel mean only, projected by an MLP 256 -> 256 -> 64.
_base_ = './glcnet_r50-os16_8xb32-400e_potsdam-rgbir.py'
model = dict(global_head=dict(style=False))
