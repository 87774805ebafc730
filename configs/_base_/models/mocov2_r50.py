# MoCo v2 on the scene encoder (STICL's and TOV's pretraining): mmpretrain's
# MoCo with the released STICL command's settings (moco/builder.py,
# pretrain.py --mlp --moco-t 0.2): ResNet-50, MLP projector 2048 -> 2048 ->
# 128, temperature 0.2, a queue of 65,536 keys, key-encoder momentum
# m = 0.999 (mmengine's EMA takes the weight of the new value, 1 - m =
# 0.001). RSIMoCo takes the band count from the dataset setting and the
# projector's input width from the backbone.
_base_ = './encoders/r50.py'
model = dict(
    type='RSIMoCo',
    queue_len=65536,
    feat_dim=128,
    momentum=0.001,
    neck=dict(type='MoCoV2Neck', hid_channels=2048, out_channels=128,
              with_avg_pool=True),
    head=dict(type='ContrastiveHead', loss=dict(type='CrossEntropyLoss'),
              temperature=0.2))
# The two augmentation sets of the MoCo code STICL releases, for 8-bit RGB
# images at the dataset's input size (torchvision's RandomResizedCrop is
# RandomScaleAspectCrop with prob 1, its ColorJitter RGBColorJitter). MoCo
# v1 (the README command, no --aug-plus): crop of 20-100 %, grey 0.2,
# colour jitter 0.4 on brightness, contrast, saturation and hue, always;
# horizontal flip.
mocov1_view = [
    dict(type='RandomScaleAspectCrop', scale=(0.2, 1.0), prob=1.0),
    dict(type='RandomGrayscale', prob=0.2, keep_channels=True,
         channel_weights=(0.2989, 0.587, 0.114)),  # R, G, B file order
    dict(type='RGBColorJitter', brightness=0.4, contrast=0.4, saturation=0.4,
         hue=0.4),
    dict(type='RandomFlip', prob=0.5, direction='horizontal'),
]
# MoCo v2 (--aug-plus): crop of 20-100 %, colour jitter 0.4/0.4/0.4/0.1
# with probability 0.8, grey 0.2, Gaussian blur of sigma 0.1-2 with
# probability 0.5, horizontal flip.
mocov2_view = [
    dict(type='RandomScaleAspectCrop', scale=(0.2, 1.0), prob=1.0),
    dict(type='RGBColorJitter', brightness=0.4, contrast=0.4, saturation=0.4,
         hue=0.1, prob=0.8),
    dict(type='RandomGrayscale', prob=0.2, keep_channels=True,
         channel_weights=(0.2989, 0.587, 0.114)),
    dict(type='RandomSigmaBlur', prob=0.5, sigma_range=(0.1, 2.0)),
    dict(type='RandomFlip', prob=0.5, direction='horizontal'),
]
# query (inputs[0]) and key (inputs[1]), the same augmentation
mocov2_pipeline = [
    dict(type='LoadRasterImageFromFile'),
    dict(type='MultiView', num_views=2, transforms=[mocov2_view]),
    dict(type='PackInputs'),
]
# The MoCo v2 set for any band count and dtype (ours): saturation and hue
# have no meaning beyond RGB, so the jitter is brightness and contrast of
# all bands together (0.4, probability 0.8), and grey is the band mean.
mocov2_ms_view = [
    dict(type='RandomScaleAspectCrop', scale=(0.2, 1.0), prob=1.0),
    dict(type='BandBrightnessContrast', brightness=0.4, contrast=0.4,
         prob=0.8, per_band=False),
    dict(type='RandomMeanGrey', prob=0.2),
    dict(type='RandomSigmaBlur', prob=0.5, sigma_range=(0.1, 2.0)),
    dict(type='RandomFlip', prob=0.5, direction='horizontal'),
]
mocov2_ms_pipeline = [
    mocov2_pipeline[0],
    dict(type='MultiView', num_views=2, transforms=[mocov2_ms_view]),
    mocov2_pipeline[-1]
]
