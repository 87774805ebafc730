# RSISC's SimCLR (SimCLR.py, contrast_loss.py): ResNet-50, projector
# Linear(2048, 512, no bias), BN, ReLU, Linear(512, 128) with BN per GPU,
# NT-Xent with the positive in the denominator and tau 0.5. Its two
# asymmetric views, band-agnostic (any band count, any dtype), at the
# dataset's input size: view a is a random-resized crop of 50-100 % with
# probability 0.8; view b a crop of 40-100 % (p 0.8), a flip and right angle
# (p 0.5), a per-band brightness and contrast jitter of +-0.4 (p 0.8), the
# band mean as grey (p 0.2) and a 3x3 mean blur (p 0.5).
_base_ = './encoders/r50.py'
model = dict(
    type='RSISimCLR',
    neck=dict(type='NonLinearNeck', hid_channels=512, out_channels=128,
              num_layers=2, with_bias=False, with_last_bn=False,
              with_last_bias=True, norm_cfg=dict(type='BN1d')),
    head=dict(type='ContrastiveHead', loss=dict(type='CrossEntropyLoss'),
              temperature=0.5))
view_a = [dict(type='RandomScaleAspectCrop', scale=(0.5, 1.0), prob=0.8)]
view_b = [
    dict(type='RandomScaleAspectCrop', scale=(0.4, 1.0), prob=0.8),
    dict(type='RandomRot90Flip', prob=0.5),
    dict(type='BandBrightnessContrast', brightness=0.4, contrast=0.4,
         prob=0.8),
    dict(type='RandomMeanGrey', prob=0.2),
    dict(type='MeanBlur', kernel_size=3, prob=0.5),
]
pretext_pipeline = [
    dict(type='LoadRasterImageFromFile'),
    dict(type='MultiView', num_views=[1, 1], transforms=[view_a, view_b]),
    dict(type='PackInputs'),
]
