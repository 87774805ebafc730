# Inpainting baseline of the GLCNet paper (reference self_mode 4) on Potsdam:
# one view (random resized crop of area 0.4-1 to 224 px) with 16 holes of
# 16 x 16 px drawn anew for every sample and blanked in all bands.
_base_ = [
    '../_base_/models/inpainting_r50-os16.py',
    '../_base_/datasets/potsdam-rgbir_pretrain.py',
    '../_base_/schedules/adam-cosine_400e.py',
]
train_dataloader = dict(dataset=dict(pipeline=_base_.inpainting_pipeline))
