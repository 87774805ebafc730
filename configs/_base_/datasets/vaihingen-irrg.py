# ISPRS Vaihingen, 3-band NIR, R, G uint8 orthophoto tiles in the reference
# layout with image tag 'IRRG' (data/vaihingen/{train,val}_IRRG/,
# {train,val}_lbl/, colour labels, lists {split}_IRRG.txt in data_root;
# write the fraction lists with tools/make_splits.py). The 6 ISPRS classes
# of Potsdam.
_base_ = './rsi_seg.py'

data_root = 'data/vaihingen/'
list_dir = None  # the lists sit in data_root
image_tag = 'IRRG'
preset = 'vaihingen-irrg'
num_classes = 6
band_names = ('NIR', 'R', 'G')
num_bands = len(band_names)
band_mean = [127.5] * num_bands
band_std = [79.6875] * num_bands
value_range = (0, 255)
crop_size = (256, 256)

data_preprocessor = dict(mean=band_mean, std=band_std, size=crop_size)
dataset_args = dict(
    data_root=data_root,
    list_dir=list_dir,
    dtype=image_tag,
    num_bands=num_bands,
    band_names=band_names,
    value_range=value_range)
load_pipeline = [
    dict(type='LoadRasterImageFromFile', num_bands=num_bands),
    dict(type='LoadRasterAnnotations'),
]
train_pipeline = [*load_pipeline, *_base_.reference_augmentation]
test_pipeline = [*load_pipeline, *_base_.test_packing]
train_dataloader = dict(
    dataset=dict(dataset_args, preset=preset, pipeline=train_pipeline))
val_dataloader = dict(
    dataset=dict(dataset_args, preset=preset, pipeline=test_pipeline))
test_dataloader = val_dataloader
