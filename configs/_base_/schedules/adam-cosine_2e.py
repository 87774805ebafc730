# The pretraining schedule shortened to 2 epochs for the demo data on a CPU:
# the same optimiser and cosine decay, a checkpoint every epoch.
_base_ = './adam-cosine_400e.py'
max_epochs = 2
param_scheduler = [
    dict(
        type='CosineAnnealingLR',
        T_max=max_epochs,
        eta_min=4e-8,
        by_epoch=True,
        begin=0,
        end=max_epochs)
]
train_cfg = dict(max_epochs=max_epochs)
default_hooks = dict(
    logger=dict(interval=5), checkpoint=dict(interval=1))
