# Synthetic demo data (python tools/make_demo_data.py -> data/demo/): 4-band
# R, G, B, NIR uint8 tiles of 128 px, 5 colour-coded classes, lists
# train/trainR1/trainR5/trainR10/trainSel/val in data/demo/ itself, in the
# reference layout of Potsdam. On the demo, trainR1 is 16 tiles (see
# grsim_mm/datasets/demo.py).
_base_ = './rsi_seg.py'

data_root = 'data/demo/'
list_dir = None  # the lists sit in data_root
image_tag = 'RGBIR'
preset = 'demo'
num_classes = 5
band_names = ('R', 'G', 'B', 'NIR')
num_bands = len(band_names)
band_mean = [127.5] * num_bands
band_std = [79.6875] * num_bands
value_range = (0, 255)
crop_size = (128, 128)

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
    batch_size=8,
    num_workers=2,
    dataset=dict(dataset_args, preset=preset, pipeline=train_pipeline))
val_dataloader = dict(
    num_workers=2,
    dataset=dict(dataset_args, preset=preset, pipeline=test_pipeline))
test_dataloader = val_dataloader
