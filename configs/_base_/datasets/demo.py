# Synthetic demo data (python tools/make_demo_data.py -> data/demo/): 4-band
# R, G, B, NIR uint8 tiles of 128 px, 5 colour-coded classes, lists
# train/trainR1/trainR5/trainR10/trainSel/val in data/demo/ itself.
# On the demo, trainR1 is 16 tiles (see grsim_mm/datasets/demo.py).
dataset_type = 'RSISegDataset'
data_root = 'data/demo/'
list_dir = None  # the lists sit in data_root
preset = 'demo'
num_classes = 5
num_bands = 4
crop_size = (128, 128)
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
    batch_size=8,
    num_workers=2,
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
val_dataloader = dict(
    batch_size=8,
    num_workers=2,
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
test_dataloader = dict(
    batch_size=8,
    num_workers=2,
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
