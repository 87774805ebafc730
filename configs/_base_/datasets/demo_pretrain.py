# Unlabelled demo tiles (python tools/make_demo_data.py -> data/demo/): the
# 'train' list of the demo setting, 4 bands of 128 px, so the views are
# cropped smaller than the reference's 224 px. Sized for a CPU: 2 epochs
# over the first 192 of the 360 training tiles make 12 steps of 16; drop
# `indices` to use every tile. Tiles are placed on the 6 x 6 grid of their
# 768 px scene by their names (for the position-aware methods).
_base_ = ['./demo.py', './rsi_pretrain.py']

data_preprocessor = dict(
    _base_.selfsup_preprocessor, mean=_base_.band_mean, std=_base_.band_std)
train_pipeline = [
    dict(type='LoadRasterImageFromFile'),
    dict(type='GLCViews', crop_size=112, window_size=24),
    dict(type='PackInputs', algorithm_keys=['windows', 'window_valid']),
]
pair_pipeline = [
    dict(type='LoadRasterImageFromFile'),
    dict(type='PairedViews', crop_size=96, num_windows=0),
    dict(type='PackInputs'),
]
# rsi_pretrain.py's position views on the demo's smaller crops
position_pipeline = [
    *pair_pipeline[:2],
    dict(type='SamplePosition', unit='pixel'),
    dict(type='PackInputs', algorithm_keys=['centre', 'frame']),
]
train_dataloader = dict(
    _base_.selfsup_loader,
    batch_size=16,
    num_workers=2,
    dataset=dict(
        _base_.dataset_args,
        type='RSIUnlabeledDataset',
        split='train',
        positions='tile_grid',
        tile_grid=dict(scene_size=768, tile_size=128),
        indices=192,
        pipeline=train_pipeline))
val_dataloader = val_evaluator = test_dataloader = test_evaluator = None
