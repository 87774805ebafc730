# RSISC's pretraining schedule shortened to 2 epochs for the scene demo on a
# CPU, a checkpoint every epoch.
_base_ = './adam-cosine_400e_rsisc.py'
train_cfg = dict(max_epochs=2)
default_hooks = dict(logger=dict(interval=5), checkpoint=dict(interval=1))
