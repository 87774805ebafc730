# Unlabelled LoveDA Rural for self-supervised pretraining: the 1366 training
# images of Train/Rural/images_png (official layout, see loveda-rural.py) as
# scenes of 256 px windows, 16 an image an epoch (see loveda_pretrain.py).
_base_ = './loveda_pretrain.py'
train_dataloader = dict(dataset=dict(
    data_prefix=dict(img_path='Train/Rural/images_png'),
    samples_per_epoch=1366 * _base_.windows_per_image))
