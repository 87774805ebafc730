# RSISC's inpainting (context encoder, pretext_models.py): reconstruct the
# image from a copy whose central (H/2) x (W/2) hole is blanked, loss 0.99
# MSE(hole) + 0.01 MSE(context). The encoder is the ResNet-50 (with its max
# pooling, as in fine-tuning); the decoder upsamples layer4, fusing layer3
# and layer2, back to the input and predicts every band (the data
# preprocessor's count). The images get RSISC's training augmentation at
# the dataset's input size.
_base_ = './encoders/r50.py'
model = dict(
    type='SceneInpainting',
    backbone=dict(out_indices=(1, 2, 3)),
    head=dict(type='InpaintingHead', skip_indices=(1, 0), channels=(512, 256),
              hole_weight=0.99, context_weight=0.01))
pretext_pipeline = [
    dict(type='LoadRasterImageFromFile'),
    dict(type='RandomScaleAspectCrop', scale=(0.4, 1.0), prob=0.8),
    dict(type='RandomRot90Flip', prob=0.5),
    dict(type='CentralMask', ratio=0.5),
    dict(type='PackInputs', algorithm_keys=['hole_mask']),
]
