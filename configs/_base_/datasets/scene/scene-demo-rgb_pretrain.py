# The RGB scene demo data without labels, for self-supervised pretraining
# on a CPU (STICL, TOV): the 180 images of the 'pretrain' list (all but
# test) in batches of 32, no validation.
_base_ = './scene-demo-rgb.py'
data_preprocessor = dict(_base_.pretrain_preprocessor, **_base_.band_stats)
train_dataloader = dict(_base_.pretrain_loader, batch_size=32)
val_dataloader = val_evaluator = test_dataloader = test_evaluator = None
