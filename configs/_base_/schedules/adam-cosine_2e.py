# The pretraining schedule shortened to 2 epochs for the demo data on a CPU:
# the same optimiser and cosine decay, a checkpoint every epoch.
_base_ = './adam-cosine_400e.py'
train_cfg = dict(max_epochs=2)
default_hooks = dict(logger=dict(interval=5), checkpoint=dict(interval=1))
