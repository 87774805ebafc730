# ISPRS Potsdam, 4-band R, G, B, NIR tiles of 256 px in the reference layout
# (tools/dataset_converters/potsdam.py writes data/potsdam/); the split lists
# (train, trainR1/R5/R10, trainSel, val) live in data_lists/potsdam/
# (tools/make_splits.py). 6 ISPRS classes, colour labels (preset
# 'potsdam-rgbir'). Fine-tune on a fraction by overriding
# train_dataloader = dict(dataset=dict(split='trainR5')).
dataset_type = 'RSISegDataset'
data_root = 'data/potsdam/'
list_dir = 'data_lists/potsdam/'
preset = 'potsdam-rgbir'
num_classes = 6
num_bands = 4
crop_size = (256, 256)
# per-band normalisation of the reference: x / 255 * 3.2 - 1.6
band_mean = [127.5] * num_bands
band_std = [79.6875] * num_bands
data_preprocessor = dict(
    type='SegDataPreProcessor',
    mean=band_mean,
    std=band_std,
    bgr_to_rgb=False,
    pad_val=0,
    seg_pad_val=255,
    size=crop_size)

train_pipeline = [
    dict(type='LoadRasterImageFromFile', num_bands=num_bands),
    dict(type='LoadRasterAnnotations'),
    # the reference picks one of [horizontal, vertical, both, none, none]
    dict(
        type='RandomFlip',
        prob=[0.2, 0.2, 0.2],
        direction=['horizontal', 'vertical', 'diagonal']),
    # then k * 90 degrees, k uniform in 0..3
    dict(type='RandomRot90'),
    dict(type='PackSegInputs'),
]
# mmseg's default meta keys plus the georeference, for writing predictions
test_meta_keys = ('img_path', 'seg_map_path', 'ori_shape', 'img_shape',
                  'pad_shape', 'scale_factor', 'flip', 'flip_direction',
                  'reduce_zero_label', 'crs', 'geo_transform')
test_pipeline = [
    dict(type='LoadRasterImageFromFile', num_bands=num_bands),
    dict(type='LoadRasterAnnotations'),
    dict(type='PackSegInputs', meta_keys=test_meta_keys),
]
train_dataloader = dict(
    batch_size=16,
    num_workers=4,
    persistent_workers=True,
    sampler=dict(type='DefaultSampler', shuffle=True),
    dataset=dict(
        type=dataset_type,
        data_root=data_root,
        list_dir=list_dir,
        split='trainR1',
        dtype='RGBIR',
        preset=preset,
        pipeline=train_pipeline))
# model selection on held-out training-scene tiles, never on the test list
val_dataloader = dict(
    batch_size=8,
    num_workers=4,
    persistent_workers=True,
    sampler=dict(type='DefaultSampler', shuffle=False),
    dataset=dict(
        type=dataset_type,
        data_root=data_root,
        list_dir=list_dir,
        split='trainSel',
        dtype='RGBIR',
        preset=preset,
        pipeline=test_pipeline))
# the 14 official test scenes
test_dataloader = dict(
    batch_size=8,
    num_workers=4,
    persistent_workers=True,
    sampler=dict(type='DefaultSampler', shuffle=False),
    dataset=dict(
        type=dataset_type,
        data_root=data_root,
        list_dir=list_dir,
        split='val',
        dtype='RGBIR',
        preset=preset,
        pipeline=test_pipeline))
val_evaluator = dict(type='IoUMetric', iou_metrics=['mIoU', 'mFscore'])
test_evaluator = val_evaluator
