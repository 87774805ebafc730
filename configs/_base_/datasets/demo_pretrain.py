# Unlabelled demo tiles (python tools/make_demo_data.py -> data/demo/): the
# 'train' list of the demo setting, 4 bands of 128 px, so the default
# (GLCNet) views are cropped smaller than the reference's 224 px. Sized for
# a CPU: 2 epochs over the first 192 of the 360 training tiles make 12 steps
# of 16; drop `indices` to use every tile. Tiles are placed on the 6 x 6
# grid of their 768 px scene by their names (for position-aware methods).
_base_ = './demo.py'

data_preprocessor = dict(
    _delete_=True,
    type='MultiBandSelfSupDataPreprocessor',
    mean=_base_.band_mean,
    std=_base_.band_std,
    to_rgb=False)
train_pipeline = [
    dict(type='LoadRasterImageFromFile'),
    dict(type='GLCViews', crop_size=112, window_size=24),
    dict(type='PackInputs', algorithm_keys=['windows', 'window_valid']),
]
# The two views of the image-level contrastive methods (SimCLR, MoCo v2,
# DenseCL, ...): the GLCNet views without windows.
pair_pipeline = [
    dict(type='LoadRasterImageFromFile'),
    dict(type='PairedViews', crop_size=96, num_windows=0),
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
    batch_size=16,
    num_workers=2,
    persistent_workers=True,
    drop_last=True,
    sampler=dict(type='DefaultSampler', shuffle=True),
    collate_fn=dict(type='default_collate'),
    dataset=dict(
        _base_.dataset_args,
        type='RSIUnlabeledDataset',
        split='train',
        positions='tile_grid',
        tile_grid=dict(scene_size=768, tile_size=128),
        indices=192,
        pipeline=train_pipeline))
val_dataloader = val_evaluator = test_dataloader = test_evaluator = None
