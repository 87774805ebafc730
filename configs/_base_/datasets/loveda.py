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
# the large scenes are cut to crop_size before the reference augmentation
train_pipeline = [
    *load_pipeline,
    dict(type='RandomCrop', crop_size=crop_size),
    *_base_.reference_augmentation,
]
test_pipeline = [*load_pipeline, *_base_.test_packing]
train_dataloader = dict(dataset=dict(dataset_args, pipeline=train_pipeline))
val_dataloader = dict(dataset=dict(dataset_args, pipeline=test_pipeline))
test_dataloader = val_dataloader
