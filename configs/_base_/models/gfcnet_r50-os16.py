# GFCNet (Zhang et al., Remote Sensing 2023), reconstructed (see
# docs/methods/gfcnet.md) on the shared encoder: the image-level projector
# (channel means of the ASPP output, MLP 256 -> 256 -> 64, one pass per
# view) with NT-Xent (tau 0.5, negatives gathered over all GPUs) whose
# negatives near the anchor are removed: joint distance
# 0.5 * min(d / 2048 px, 1) + 0.5 * (1 - cos) / 2 under 0.2, within one
# frame (scene, or CRS and pixel size). Distances count pixels
# (SamplePosition's unit), so the radius of 8 Potsdam tiles holds in every
# data mode. Its leaves take the position_pipeline of their dataset setting
# (the two views and each sample's position).
# Its fine-tuning is the multi-scale fusion head (configs/finetune/msfusion*).
_base_ = './encoders/r50-os16_deeplabv3plus.py'
model = dict(
    type='GFCNet',
    global_head=dict(_base_.global_projector, loss=dict(
        type='GeoFeatureCorrectedNTXentLoss', geo_radius=2048.0,
        temperature=0.5, mode='remove', geo_weight=0.5, threshold=0.2,
        gather_negatives=True)))
# the decoder below the ASPP is not trained
model_wrapper_cfg = _base_.find_unused_wrapper
