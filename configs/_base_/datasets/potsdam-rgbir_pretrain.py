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
# own with train_dataloader = dict(dataset=dict(pipeline=[...])).
_base_ = './potsdam-rgbir.py'

data_preprocessor = dict(
    _delete_=True,
    type='MultiBandSelfSupDataPreprocessor',
    mean=_base_.band_mean,
    std=_base_.band_std,
    to_rgb=False)
train_pipeline = [
    dict(type='LoadRasterImageFromFile'),
    dict(type='GLCViews'),
    dict(type='PackInputs', algorithm_keys=['windows', 'window_valid']),
]
# The two views of the image-level contrastive methods (SimCLR, MoCo v2,
# DenseCL, ...): the GLCNet views without windows.
pair_pipeline = [
    dict(type='LoadRasterImageFromFile'),
    dict(type='PairedViews', num_windows=0),
    dict(type='PackInputs'),
]
# The two views plus the position of each sample (SamplePosition: the tile's cell on its
# scene's grid;
# distances count pixels), for the position-aware methods (GFCNet).
position_pipeline = [
    *pair_pipeline[:2],
    dict(type='SamplePosition', unit='pixel'),
    dict(type='PackInputs', algorithm_keys=['centre', 'frame']),
]
train_dataloader = dict(
    _delete_=True,
    batch_size=32,
    num_workers=8,
    persistent_workers=True,
    drop_last=True,
    sampler=dict(type='DefaultSampler', shuffle=True),
    collate_fn=dict(type='default_collate'),
    dataset=dict(
        _base_.dataset_args,
        type='RSIUnlabeledDataset',
        split='train',
        positions='potsdam_grid',
        pipeline=train_pipeline))
# pretraining has no labelled loaders
val_dataloader = val_evaluator = test_dataloader = test_evaluator = None
