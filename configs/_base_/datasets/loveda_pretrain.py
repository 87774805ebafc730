# Unlabelled LoveDA for self-supervised pretraining: random 256 px windows
# of the 1024 px training images of the LoveDA setting (both regions,
# img_dir/train), 16 windows an image an epoch; loveda-rural_pretrain.py and
# loveda-urban_pretrain.py take one region. LoveDA has no georeference and
# no published layout of its images on the ground, so every image is a
# scene of its own: its windows are placed by their pixel offsets, and
# windows of different images are never near.
# The default pipeline is the GLCNet reference views; a method states its
# own with train_dataloader = dict(dataset=dict(pipeline=[...])).
_base_ = './loveda.py'

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
# The two views plus the position of each sample (SamplePosition: the window in its image;
# distances count pixels), for the position-aware methods (GFCNet).
position_pipeline = [
    *pair_pipeline[:2],
    dict(type='SamplePosition', unit='pixel'),
    dict(type='PackInputs', algorithm_keys=['centre', 'frame']),
]
window_size = 256
windows_per_image = (1024 // window_size)**2
train_dataloader = dict(
    _delete_=True,
    batch_size=32,
    num_workers=8,
    persistent_workers=True,
    drop_last=True,
    sampler=dict(type='DefaultSampler', shuffle=True),
    collate_fn=dict(type='default_collate'),
    dataset=dict(
        type='RSIUnlabeledDataset',
        data_root=_base_.data_root,
        data_prefix=dict(img_path='img_dir/train'),
        img_suffix='.png',
        window_size=window_size,
        samples_per_epoch=2522 * windows_per_image,
        num_bands=_base_.num_bands,
        band_names=_base_.band_names,
        value_range=_base_.value_range,
        pipeline=train_pipeline))
# pretraining has no labelled loaders
val_dataloader = val_evaluator = test_dataloader = test_evaluator = None
