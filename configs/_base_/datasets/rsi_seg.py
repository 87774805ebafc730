# The structure every segmentation dataset setting shares: RSISegDataset
# loaders (fine-tune on trainR1, select the model on trainSel, a split of
# the training scenes disjoint from every labelled fraction and from the
# test list, and test on val), the toolbox metric and the reference
# fine-tuning augmentation. A setting inherits this file, states its facts
# once (see potsdam-rgbir.py), prepends its loading steps to
# reference_augmentation and test_packing and points the loaders at them.
dataset_type = 'RSISegDataset'
data_preprocessor = dict(
    type='SegDataPreProcessor', bgr_to_rgb=False, pad_val=0, seg_pad_val=255)

# The reference picks one of [horizontal, vertical, both, none, none], then
# k * 90 degrees with k uniform in 0..3.
flip_rot90 = [
    dict(
        type='RandomFlip',
        prob=[0.2, 0.2, 0.2],
        direction=['horizontal', 'vertical', 'diagonal']),
    dict(type='RandomRot90'),
]
# A mild per-band brightness / contrast / noise jitter on every band in
# place of the reference's HSV jitter on R, G, B and its +-1 % jitter on the
# other bands (see docs/finetune.md for the transforms that restore them).
spectral_jitter = dict(
    type='SpectralJitter',
    prob=0.5,
    brightness=0.05,
    contrast=0.05,
    salt_prob=0.001)
# The reference fine-tuning augmentation after the loading steps: flips and
# right angles, the +-10 % shift / scale / aspect warp with probability 0.5
# (labels nearest, the uncovered border the ignore index instead of class
# 0), the spectral jitter. Band-agnostic and independent of the crop size.
reference_augmentation = [
    *flip_rot90,
    dict(type='RandomShiftScaleAspect', prob=0.5, shift=0.1, scale=0.1,
         aspect=0.1),
    spectral_jitter,
    dict(type='PackSegInputs'),
]
# Pretraining option for settings whose band_names name R, G and B, as
# view_transforms of PairedViews / GLCViews: the reference's view-2 colour
# step, i.e. under one p 0.8 gate the HSV jitter of R, G, B (p 0.5) and the
# +-10 % brightness / contrast / noise jitter of every band, then grey
# (p 0.1) and blur (p 0.5). The default views jitter every band alike.
reference_view_transforms = [
    [],
    [
        dict(
            type='RandomApply',
            prob=0.8,
            transforms=[
                dict(type='RGBHSVJitter', prob=0.5, hue=30, saturation=5,
                     value=15),
                dict(type='SpectralJitter', prob=1.0, brightness=0.1,
                     contrast=0.1, salt_prob=0.001),
            ]),
        dict(type='RandomGrey', prob=0.1),
        dict(type='RandomGaussianBlur', prob=0.5, kernel_sizes=(3, 5, 7)),
    ],
]
# mmseg's default meta keys plus the georeference, for writing predictions
# (tools/test.py --out), and the bands and window read, for painting them
# (--show-dir, the validation images)
test_meta_keys = ('img_path', 'seg_map_path', 'ori_shape', 'img_shape',
                  'pad_shape', 'scale_factor', 'flip', 'flip_direction',
                  'reduce_zero_label', 'crs', 'geo_transform', 'bands',
                  'window')
test_packing = [dict(type='PackSegInputs', meta_keys=test_meta_keys)]

train_dataloader = dict(
    batch_size=16,
    num_workers=4,
    persistent_workers=True,
    sampler=dict(type='DefaultSampler', shuffle=True),
    drop_last=True,  # as the reference: 138 tiles give 8 steps of 16
    dataset=dict(type=dataset_type, split='trainR1'))
val_dataloader = dict(
    batch_size=8,
    num_workers=4,
    persistent_workers=True,
    sampler=dict(type='DefaultSampler', shuffle=False),
    dataset=dict(type=dataset_type, split='trainSel'))
test_dataloader = dict(
    val_dataloader, dataset=dict(val_dataloader['dataset'], split='val'))
val_evaluator = dict(type='RSISegMetric')
# The test also reports the per-image mIoU (absent classes score 0), the
# way the GLCNet reference code computes it.
test_evaluator = dict(type='RSISegMetric', per_image_iou=True)
