# Ablation "noLocal" (reference self_mode 13): global style loss only, with
# weight 1. The decoder and conv_seg are skipped, so DDP must tolerate
# parameters without gradients.
_base_ = './glcnet_r50-os16_8xb32-400e_potsdam-rgbir.py'
model = dict(local_head=None)
model_wrapper_cfg = dict(
    type='MMDistributedDataParallel', find_unused_parameters=True)
