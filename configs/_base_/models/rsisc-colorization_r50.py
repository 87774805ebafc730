# Colourisation on the ResNet-50 (RSISC's pretext task, as coded in
# ColorizationNet, with its bug fixed): the network sees the band mean in
# every band and predicts every band; the target is the colour image (RSISC
# compares with its grey input). The decoder is the one of inpainting. The
# images get RSISC's training augmentation at the dataset's input size.
_base_ = './encoders/r50.py'
model = dict(
    type='SceneColorization',
    backbone=dict(out_indices=(1, 2, 3)),
    head=dict(type='InpaintingHead', skip_indices=(1, 0),
              channels=(512, 256)))
pretext_pipeline = [
    dict(type='LoadRasterImageFromFile'),
    dict(type='RandomScaleAspectCrop', scale=(0.4, 1.0), prob=0.8),
    dict(type='RandomRot90Flip', prob=0.5),
    dict(type='GreyColourPair'),
    dict(type='PackInputs'),
]
