# The released schedule of GraSS: FALSE's (sgd-lars-warmrestart_200e.py)
# stretched over 350 epochs.
_base_ = './sgd-lars-warmrestart_200e.py'
max_epochs = 350
train_cfg = dict(max_epochs=max_epochs)
