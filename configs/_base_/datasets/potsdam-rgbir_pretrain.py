# Unlabelled ISPRS Potsdam tiles for self-supervised pretraining: the 'train'
# list (24 scenes x 576 tiles of 256 px, 4 bands) of the reference layout.
# To draw windows from the 6000 px scenes instead of tiles, give the dataset
# data_prefix=dict(img_path=<scene folder>), window_size=256 and
# samples_per_epoch=13824 (and split=None).
# Change the views by redefining train_pipeline and setting
# train_dataloader = dict(dataset=dict(pipeline=train_pipeline)).
dataset_type = 'RSIUnlabeledDataset'
data_root = 'data/potsdam/'
list_dir = 'data_lists/potsdam/'
num_bands = 4
band_mean = [127.5] * num_bands
band_std = [79.6875] * num_bands
data_preprocessor = dict(
    type='MultiBandSelfSupDataPreprocessor',
    mean=band_mean,
    std=band_std,
    to_rgb=False)

view_pipeline = dict(type='GLCViews')
pack_algorithm_keys = ['windows', 'window_valid']
train_pipeline = [
    dict(type='LoadRasterImageFromFile', num_bands=num_bands),
    view_pipeline,
    dict(type='PackInputs', algorithm_keys=pack_algorithm_keys),
]
train_dataloader = dict(
    batch_size=32,
    num_workers=8,
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
