# LaST's schedule shortened to 2 epochs (10 steps of 32 images) for the
# scene demo on a CPU: the same optimiser, clipping and weight-decay cosine,
# but lr 5e-3 without warm-up so that a few steps move the model, and the
# teacher temperature constant at 0.04 (DINO's setting without warm-up; a
# warm-up over so few steps only softens the targets); the last layer
# frozen during the first epoch, a checkpoint every epoch.
_base_ = './adamw-cosine_100e_last.py'
max_epochs = 2
optim_wrapper = dict(optimizer=dict(lr=5e-3))
param_scheduler = [
    dict(type='CosineAnnealingLR', eta_min=1e-6, by_epoch=True, begin=0,
         end=max_epochs, convert_to_iter_based=True),
    dict(type='CosineAnnealingParamScheduler', param_name='weight_decay',
         eta_min_ratio=10., by_epoch=True, begin=0, end=max_epochs,
         convert_to_iter_based=True),
]
train_cfg = dict(max_epochs=max_epochs)
custom_hooks = [
    *_base_.custom_hooks[:-2],
    dict(type='TeacherTempWarmupHook', start_temp=0.04, end_temp=0.04,
         warmup=0),
    dict(type='FreezeLastLayerHook', end=1),
]
default_hooks = dict(logger=dict(interval=5), checkpoint=dict(interval=1))
