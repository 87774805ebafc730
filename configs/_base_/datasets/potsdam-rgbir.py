# ISPRS Potsdam, 4-band R, G, B, NIR uint8 tiles of 256 px, in the layout of
# the GLCNet reference (data/potsdam/{train,val}_RGBIR/, {train,val}_lbl/)
# with the split lists of data_lists/potsdam/ (train, trainR1/R5/R10,
# trainSel, val); 6 ISPRS classes decoded from the colour labels (preset
# 'potsdam-rgbir'). Write the tiles with
# tools/dataset_converters/potsdam.py. Fine-tune on another fraction with
# train_dataloader = dict(dataset=dict(split='trainR5')).
_base_ = './rsi_seg.py'

data_root = 'data/potsdam/'
list_dir = 'data_lists/potsdam/'
image_tag = 'RGBIR'  # {split}_RGBIR.txt lists, {train,val}_RGBIR/ folders
preset = 'potsdam-rgbir'
num_classes = 6
band_names = ('R', 'G', 'B', 'NIR')
num_bands = len(band_names)
# the reference's normalisation of every band: x / 255 * 3.2 - 1.6
band_mean = [127.5] * num_bands
band_std = [79.6875] * num_bands
value_range = (0, 255)  # black and white of the photometric augmentations
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
# the number the reference code prints: its class dictionary adds an empty
# class 0, so it averages the per-image IoUs over 7 classes
test_evaluator = dict(reference_num_classes=num_classes + 1)
