# Unlabelled LoveDA Urban for self-supervised pretraining: the 1156 training
# images of Train/Urban/images_png (official layout, see loveda-urban.py) as
# scenes of 256 px windows, 16 an image an epoch (see loveda_pretrain.py).
_base_ = './loveda_pretrain.py'
train_dataloader = dict(dataset=dict(
    data_prefix=dict(img_path='Train/Urban/images_png'),
    samples_per_epoch=1156 * _base_.windows_per_image))
