# NWPU-RESISC45 without labels, for self-supervised pretraining: the
# 'pretrain' list (every image but the test ones), batches of 256, no
# validation. Method leaves put their views in
# train_dataloader.dataset.pipeline.
_base_ = './nwpu-resisc45.py'
data_preprocessor = dict(_base_.pretrain_preprocessor, **_base_.band_stats)
train_dataloader = _base_.pretrain_loader
val_dataloader = val_evaluator = test_dataloader = test_evaluator = None
