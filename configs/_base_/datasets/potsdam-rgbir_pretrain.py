# Unlabelled ISPRS Potsdam tiles for self-supervised pretraining: the 'train'
# list of the Potsdam setting (24 scenes x 576 tiles of 256 px), whose facts
# (bands, statistics, value range) it inherits. To draw windows from the
# 6000 px scenes instead of tiles, give the dataset
# data_prefix=dict(img_path=<scene folder>), window_size=256 and
# samples_per_epoch=13824 (and split=None).
# Tiles are placed on the converter's 24 x 24 grid of their scene by their
# names (positions='potsdam_grid'), for the position-aware methods; scene
# windows always know their place (drop positions with window_size).
# The default pipeline is the GLCNet reference views; a method states its
# own with train_dataloader = dict(dataset=dict(pipeline=[...])), e.g. the
# image-level methods' pair_pipeline or the SimCLR views below.
_base_ = ['./potsdam-rgbir.py', './rsi_pretrain.py']

data_preprocessor = dict(
    _base_.selfsup_preprocessor, mean=_base_.band_mean, std=_base_.band_std)
train_pipeline = _base_.glcnet_pipeline
train_dataloader = dict(
    _base_.selfsup_loader,
    dataset=dict(
        _base_.dataset_args,
        type='RSIUnlabeledDataset',
        split='train',
        positions='potsdam_grid',
        pipeline=train_pipeline))
# pretraining has no labelled loaders
val_dataloader = val_evaluator = test_dataloader = test_evaluator = None

# SimCLR's views as the released FALSE and GraSS code draws them from the
# tiles, for any band count: a random-resized crop of 8-100 % of the tile
# (aspect 3/4-4/3) resized to 224 px, a horizontal flip, brightness and
# contrast factors in [0.2, 1.8] drawn per band with probability 0.8 (per
# band factors stand in for the saturation and hue jitter of RGB), the mean
# of the bands as grey with probability 0.2, a Gaussian blur of sigma
# 0.1-2 px with probability 0.5; the two views drawn independently.
simclr_view = [
    dict(
        type='RandomResizedCrop',
        scale=224,
        crop_ratio_range=(0.08, 1.0),
        backend='cv2'),
    dict(type='RandomFlip', prob=0.5, direction='horizontal'),
    dict(type='BandBrightnessContrast', brightness=0.8, contrast=0.8),
    dict(type='RandomMeanGrey', prob=0.2),
    dict(type='RandomSigmaBlur', prob=0.5, sigma_range=(0.1, 2.0)),
]
simclr_pipeline = [
    dict(type='LoadRasterImageFromFile'),
    dict(type='MultiView', num_views=2, transforms=[simclr_view]),
    dict(type='PackInputs'),
]
