# The structure every pretraining setting shares. A pretraining setting
# lists it after its segmentation setting, whose facts it uses (see
# potsdam-rgbir_pretrain.py):
#   _base_ = ['./<name>.py', './rsi_pretrain.py']
#   data_preprocessor = dict(
#       _base_.selfsup_preprocessor, mean=_base_.band_mean, ...)
#   train_dataloader = dict(
#       _base_.selfsup_loader, dataset=dict(type='RSIUnlabeledDataset', ...))
# Both replace (_delete_) the segmentation setting's preprocessor and loader.
selfsup_preprocessor = dict(
    _delete_=True, type='MultiBandSelfSupDataPreprocessor', to_rgb=False)
selfsup_loader = dict(
    _delete_=True,
    batch_size=32,
    num_workers=8,
    persistent_workers=True,
    drop_last=True,
    sampler=dict(type='DefaultSampler', shuffle=True),
    collate_fn=dict(type='default_collate'))
# The default views of a pretraining setting: the GLCNet reference's.
glcnet_pipeline = [
    dict(type='LoadRasterImageFromFile'),
    dict(type='GLCViews'),
    dict(type='PackInputs', algorithm_keys=['windows', 'window_valid']),
]
# The two views of the image-level contrastive methods (SimCLR, MoCo v2,
# DenseCL, FALSE, GraSS, ...): the GLCNet views without windows.
pair_pipeline = [
    dict(type='LoadRasterImageFromFile'),
    dict(type='PairedViews', num_windows=0),
    dict(type='PackInputs'),
]
# The two views plus each sample's place (SamplePosition: the tile's cell on
# its scene's grid or the window's offset; distances count pixels), for the
# position-aware methods (GFCNet). A setting with its own pair_pipeline
# restates it.
position_pipeline = [
    *pair_pipeline[:2],
    dict(type='SamplePosition', unit='pixel'),
    dict(type='PackInputs', algorithm_keys=['centre', 'frame']),
]
