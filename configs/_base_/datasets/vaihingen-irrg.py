# ISPRS Vaihingen, 3-band NIR, R, G orthophoto tiles in the reference layout
# with dtype 'IRRG' (data/vaihingen/{train,val}_IRRG/, {train,val}_lbl/,
# colour labels, lists {split}_IRRG.txt in data_root; write the fraction lists
# with tools/make_splits.py). Same 6 ISPRS classes as Potsdam.
dataset_type = 'RSISegDataset'
data_root = 'data/vaihingen/'
list_dir = None
preset = 'vaihingen-irrg'
num_classes = 6
num_bands = 3
crop_size = (256, 256)
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
        dtype='IRRG',
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
        dtype='IRRG',
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
        dtype='IRRG',
        preset=preset,
        pipeline=test_pipeline))
val_evaluator = dict(type='IoUMetric', iou_metrics=['mIoU', 'mFscore'])
test_evaluator = val_evaluator
