# TOV's pretraining schedule shortened for the scene demo on a CPU: 2
# epochs, the first one warm-up, a checkpoint every epoch.
_base_ = './sgd-warmup-cosine_200e_tov.py'
warmup_epochs = 1
param_scheduler = [
    dict(type='LinearLR', start_factor=1e-3, by_epoch=True, begin=0,
         end=warmup_epochs, convert_to_iter_based=True),
    dict(type='CosineAnnealingLR', eta_min=0., by_epoch=True,
         begin=warmup_epochs),
]
train_cfg = dict(max_epochs=2)
default_hooks = dict(logger=dict(interval=1), checkpoint=dict(interval=1))
