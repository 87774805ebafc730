# LoveDA in mmseg's layout (mmseg's tools/dataset_converters/loveda.py):
# img_dir/{train,val}/*.png RGB images of 1024 px, ann_dir/{train,val}/*.png
# index labels where 0 is no-data, hence reduce_zero_label=True.
# 7 classes (preset 'loveda').
_base_ = './rsi_seg_img-ann-dirs.py'

data_root = 'data/loveDA/'
preset = 'loveda'
num_classes = 7
band_names = ('R', 'G', 'B')
num_bands = len(band_names)
band_mean = [127.5] * num_bands
band_std = [79.6875] * num_bands
value_range = (0, 255)
crop_size = (512, 512)

data_preprocessor = dict(mean=band_mean, std=band_std, size=crop_size)
dataset_args = dict(
    data_root=data_root,
    img_suffix='.png',
    seg_map_suffix='.png',
    reduce_zero_label=True,
    preset=preset,
    num_bands=num_bands,
    band_names=band_names,
    value_range=value_range)
load_pipeline = [
    dict(type='LoadRasterImageFromFile', num_bands=num_bands),
    dict(type='LoadRasterAnnotations'),
]
train_pipeline = [
    *load_pipeline,
    dict(type='RandomCrop', crop_size=crop_size),
    *_base_.flip_rot90,
    dict(type='PackSegInputs'),
]
test_pipeline = [
    *load_pipeline,
    dict(type='PackSegInputs', meta_keys=_base_.test_meta_keys)
]
train_dataloader = dict(dataset=dict(dataset_args, pipeline=train_pipeline))
val_dataloader = dict(dataset=dict(dataset_args, pipeline=test_pipeline))
test_dataloader = val_dataloader
# The folders of one region and split in the layout of the official
# release (see loveda-rural.py): a loader adds the data_root.
official_layout = dict(
    data_prefix=dict(img_path='images_png', seg_map_path='masks_png'))
