# Unlabelled demo tiles (python tools/make_demo_data.py -> data/demo/):
# the 'train' list, 4 bands of 128 px, so the views are cropped smaller than
# the reference's 224 px.
dataset_type = 'RSIUnlabeledDataset'
data_root = 'data/demo/'
list_dir = None
num_bands = 4
band_mean = [127.5] * num_bands
band_std = [79.6875] * num_bands
data_preprocessor = dict(
    type='MultiBandSelfSupDataPreprocessor',
    mean=band_mean,
    std=band_std,
    to_rgb=False)

view_pipeline = dict(type='GLCViews', crop_size=112, window_size=24)
pack_algorithm_keys = ['windows', 'window_valid']
train_pipeline = [
    dict(type='LoadRasterImageFromFile', num_bands=num_bands),
    view_pipeline,
    dict(type='PackInputs', algorithm_keys=pack_algorithm_keys),
]
train_dataloader = dict(
    batch_size=8,
    num_workers=2,
    persistent_workers=True,
    drop_last=True,
    sampler=dict(type='DefaultSampler', shuffle=True),
    collate_fn=dict(type='default_collate'),
    dataset=dict(
        type=dataset_type,
        data_root=data_root,
        list_dir=list_dir,
        split='train',
        dtype='RGBIR',
        pipeline=train_pipeline))
