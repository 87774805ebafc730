# Unlabelled LoveDA Urban for pretraining: the training images of the
# Urban setting (its facts and folder), cut into 256 px windows drawn at
# random, as many per epoch as 16 windows an image. The tile size of the
# GraSS code for LoveDA is unknown; 256 px are the Potsdam tiles' size, so
# the views (224 px) cover the same share of a window.
_base_ = ['./loveda-urban.py', './rsi_pretrain.py']

data_preprocessor = dict(
    _base_.selfsup_preprocessor, mean=_base_.band_mean, std=_base_.band_std)
train_dataloader = dict(
    _base_.selfsup_loader,
    dataset=dict(
        type='RSIUnlabeledDataset',
        data_root=_base_.train_dataloader.dataset.data_root,
        data_prefix=dict(img_path='images_png'),
        img_suffix='.png',
        num_bands=_base_.num_bands,
        band_names=_base_.band_names,
        value_range=_base_.value_range,
        window_size=256,
        samples_per_epoch=16 * 1156,
        pipeline=_base_.glcnet_pipeline))
val_dataloader = val_evaluator = test_dataloader = test_evaluator = None
