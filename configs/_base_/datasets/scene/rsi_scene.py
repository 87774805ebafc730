# The structure every scene-classification dataset setting shares:
# RSISceneDataset loaders on the lists of tools/make_scene_splits.py in
# <data_root>/splits/seed0/ (train on a labelled subset, select the model on
# 'selection', test on 'test'), the toolbox metric, and the augmentations of
# the few-label protocols. A setting inherits this file, states its facts
# once (see aid.py) and merges them into the loaders.
#
# Every transform is band-agnostic, and those without a size resize to the
# dataset's input_size (the preset's: 224, 64 for EuroSAT), so the loaders
# name no size. Switch lists by name and seed:
#   train_dataloader.dataset.split=train_k5 (train_k20/50/100, train_p1/5/10)
#   {train,val,test}_dataloader.dataset.split_dir=splits/seed1
dataset_type = 'RSISceneDataset'
# The classifier normalises with the setting's band_stats (one mean and std
# per band, so the model reads its band count there) and gets the class
# count; images stay in file band order (no BGR flip).
data_preprocessor = dict(type='ClsDataPreprocessor', to_rgb=False)
# The Normalize(0.5, 0.5) of RSISC and TOV on [0, 1] images, the statistics
# of the 8-bit RGB settings.
rgb_half_stats = dict(mean=[127.5] * 3, std=[127.5] * 3)
load = dict(type='LoadRasterImageFromFile')
pack = dict(type='PackInputs')
# RSISC's training augmentation ('D' of main_cls.py): a random-resized crop
# of 40-100 % of the image with probability 0.8 (else the whole image), then
# a flip and a right angle with probability 0.5.
rsisc_train_pipeline = [
    load,
    dict(type='RandomScaleAspectCrop', scale=(0.4, 1.0), prob=0.8),
    dict(type='RandomRot90Flip', prob=0.5),
    pack,
]
# TOV's: a random-resized crop of 80-100 %, independent horizontal and
# vertical flips.
tov_train_pipeline = [
    load,
    dict(type='RandomScaleAspectCrop', scale=(0.8, 1.0), prob=1.0),
    dict(type='RandomFlip', prob=0.5, direction='horizontal'),
    dict(type='RandomFlip', prob=0.5, direction='vertical'),
    pack,
]
# Both evaluate the whole image resized to the input size.
test_pipeline = [load, dict(type='SceneResize'), pack]

# Batch 64 of both protocols; no batch is dropped, since a labelled subset
# (5 images x 30 classes = 150) is often no multiple of it.
train_dataloader = dict(
    batch_size=64,
    num_workers=4,
    persistent_workers=True,
    drop_last=False,
    sampler=dict(type='DefaultSampler', shuffle=True),
    dataset=dict(
        type=dataset_type, split='train_k20', pipeline=rsisc_train_pipeline))
val_dataloader = dict(
    batch_size=64,
    num_workers=4,
    persistent_workers=True,
    sampler=dict(type='DefaultSampler', shuffle=False),
    dataset=dict(type=dataset_type, split='selection', pipeline=test_pipeline))
test_dataloader = dict(
    val_dataloader, dataset=dict(val_dataloader['dataset'], split='test'))
val_evaluator = dict(type='RSISceneMetric')
test_evaluator = dict(type='RSISceneMetric', classwise=True)

# What a pretraining setting (<name>_pretrain.py) puts in place of the
# labelled loader and the classifier's preprocessor: the unlabelled images
# (every image but the test ones), batch 256 of RSISC, the views stacked by
# default_collate, and no validation.
pretrain_loader = dict(
    batch_size=256,
    drop_last=True,
    collate_fn=dict(type='default_collate'),
    dataset=dict(split='pretrain'))
pretrain_preprocessor = dict(
    _delete_=True, type='MultiBandSelfSupDataPreprocessor', to_rgb=False)
# STICL's linear probe (finetune.py): torchvision's RandomResizedCrop (8-100 %
# of the image) and a horizontal flip; evaluation on the short side resized
# to 256 and the central 224 px (for the 224-px datasets).
sticl_train_pipeline = [
    load,
    dict(type='RandomScaleAspectCrop', scale=(0.08, 1.0), prob=1.0),
    dict(type='RandomFlip', prob=0.5, direction='horizontal'),
    pack,
]
sticl_test_pipeline = [
    load,
    dict(type='ResizeEdge', scale=256, edge='short'),
    dict(type='CenterCrop', crop_size=224),
    pack,
]
