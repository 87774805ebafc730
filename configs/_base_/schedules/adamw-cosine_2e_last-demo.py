# LaST's schedule shortened to 2 epochs (10 steps of 32 images) for the
# scene demo on a CPU: the same optimiser, clipping and weight-decay cosine,
# but lr 5e-3 without warm-up so that a few steps move the model, and the
# teacher temperature constant at 0.04 (DINO's setting without warm-up; a
# warm-up over so few steps only softens the targets); the last layer
# frozen during the first epoch, a checkpoint every epoch.
_base_ = './adamw-cosine_100e_last.py'
max_epochs = 2
optim_wrapper = dict(optimizer=dict(lr=5e-3))
# the cosine of lr and weight decay over the 2 epochs, no lr warm-up
param_scheduler = [
    dict(_base_.param_scheduler[1], begin=0, end=max_epochs),
    dict(_base_.param_scheduler[2], end=max_epochs),
]
train_cfg = dict(max_epochs=max_epochs)
temperature, freeze = _base_.custom_hooks[-2:]
custom_hooks = [
    *_base_.custom_hooks[:-2],
    dict(temperature, end_temp=temperature['start_temp'], warmup=0),
    freeze,
]
default_hooks = dict(logger=dict(interval=5), checkpoint=dict(interval=1))
