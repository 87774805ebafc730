# Natural images without labels, for stage 1 of TOV's learning path: every
# image under data/natural_images/train/ in class sub-folders (e.g.
# ImageNet's train/ folder; the labels are not used), read as 8-bit RGB and
# resized to 224 px by the views, batches of 256, no validation. Normalised
# with ImageNet's statistics, those of the natural-image weights stage 1
# starts from. Only the files' presence is checked when the dataset is
# built (opening 1.28 M headers takes minutes).
_base_ = './rsi_scene.py'
band_stats = dict(
    mean=[123.675, 116.28, 103.53], std=[58.395, 57.12, 57.375])
data_preprocessor = dict(_base_.pretrain_preprocessor, **band_stats)
train_dataloader = dict(
    _base_.pretrain_loader,
    dataset=dict(
        data_root='data/natural_images/',
        data_prefix='train',
        split=None,
        num_bands=3,
        value_range=(0, 255),
        input_size=224,
        check_files='exists'))
val_dataloader = val_evaluator = test_dataloader = test_evaluator = None
