# STICL's linear-probe schedule shortened for the scene demo on a CPU: 30
# epochs with lr x0.1 at 16 and 24 (the released 80 and 120 of 150, scaled),
# validation every 5 epochs, a log line every 5 iterations and one
# checkpoint at the end.
_base_ = './sgd-step_150e_sticl-cls.py'
param_scheduler = [
    dict(type='MultiStepLR', milestones=[16, 24], gamma=0.1, by_epoch=True)
]
train_cfg = dict(max_epochs=30, val_interval=5)
default_hooks = dict(logger=dict(interval=5), checkpoint=dict(interval=30))
