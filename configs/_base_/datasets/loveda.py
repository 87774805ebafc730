# LoveDA in mmseg's layout (mmseg's tools/dataset_converters/loveda.py):
# img_dir/{train,val}/*.png RGB images of 1024 px, ann_dir/{train,val}/*.png
# index labels where 0 is no-data, hence reduce_zero_label=True.
# 7 classes (preset 'loveda').
dataset_type = 'RSISegDataset'
data_root = 'data/loveDA/'
preset = 'loveda'
num_classes = 7
num_bands = 3
crop_size = (512, 512)
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
    dict(type='RandomCrop', crop_size=crop_size),
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
    num_workers=4,
    persistent_workers=True,
    sampler=dict(type='DefaultSampler', shuffle=True),
    dataset=dict(
        type=dataset_type,
        data_root=data_root,
        data_prefix=dict(
            img_path='img_dir/train', seg_map_path='ann_dir/train'),
        img_suffix='.png',
        seg_map_suffix='.png',
        reduce_zero_label=True,
        preset=preset,
        pipeline=train_pipeline))
val_dataloader = dict(
    batch_size=1,
    num_workers=4,
    persistent_workers=True,
    sampler=dict(type='DefaultSampler', shuffle=False),
    dataset=dict(
        type=dataset_type,
        data_root=data_root,
        data_prefix=dict(
            img_path='img_dir/val', seg_map_path='ann_dir/val'),
        img_suffix='.png',
        seg_map_suffix='.png',
        reduce_zero_label=True,
        preset=preset,
        pipeline=test_pipeline))
test_dataloader = val_dataloader
val_evaluator = dict(type='IoUMetric', iou_metrics=['mIoU', 'mFscore'])
test_evaluator = val_evaluator
