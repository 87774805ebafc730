# TOV's pretraining schedule shortened for the scene demo on a CPU: 2
# epochs, the first one warm-up, a checkpoint every epoch.
_base_ = './sgd-warmup-cosine_200e_tov.py'
warmup, cosine = _base_.param_scheduler
param_scheduler = [dict(warmup, end=1), dict(cosine, begin=1)]
train_cfg = dict(max_epochs=2)
default_hooks = dict(logger=dict(interval=1), checkpoint=dict(interval=1))
