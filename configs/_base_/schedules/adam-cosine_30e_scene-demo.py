# The scene protocols shortened for the scene demo on a CPU: 30 epochs of
# Adam with lr 4e-3 (a few hundred steps of a few images), cosine decay,
# validation every 5 epochs.
_base_ = './adam-cosine_200e_tov-cls.py'
train_cfg = dict(max_epochs=30, val_interval=5)
default_hooks = dict(logger=dict(interval=5), checkpoint=dict(interval=30))
