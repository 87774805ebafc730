# STICL's pretraining schedule shortened to 2 epochs for the scene demo on a
# CPU, a log line every iteration and a checkpoint every epoch.
_base_ = './sgd-cosine_300e_sticl.py'
train_cfg = dict(max_epochs=2)
default_hooks = dict(logger=dict(interval=1), checkpoint=dict(interval=1))
