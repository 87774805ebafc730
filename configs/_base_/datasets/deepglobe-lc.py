# DeepGlobe Land Cover in mmseg's img_dir/ann_dir layout: RGB satellite images
# '{id}_sat.jpg' and colour masks '{id}_mask.png' of 2448 px. Only the
# official train set has masks, so split it into img_dir/{train,val} and
# ann_dir/{train,val} yourself. 7 classes including 'unknown' (preset
# 'deepglobe-lc'). The masks are meant to be pure colours; if a copy has
# compression noise, LoadRasterAnnotations raises on the unknown colours
# rather than guessing.
_base_ = './rsi_seg_img-ann-dirs.py'

data_root = 'data/deepglobe_lc/'
preset = 'deepglobe-lc'
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
    img_suffix='_sat.jpg',
    seg_map_suffix='_mask.png',
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
