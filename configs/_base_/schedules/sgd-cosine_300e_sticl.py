# STICL's pretraining schedule (pretrain.py, README command): SGD lr 0.03,
# momentum 0.9, weight decay 1e-4, cosine decay to 0 stepped per epoch
# (--cos), 300 epochs at a total batch of 256 (--auto-scale-lr rescales the
# lr for another). Hooks and runtime as every pretraining schedule: a
# resumable checkpoint every 10 epochs (the released code's interval) and
# the lowest-loss one.
_base_ = './adam-cosine_400e.py'
optim_wrapper = dict(optimizer=dict(
    _delete_=True, type='SGD', lr=0.03, momentum=0.9, weight_decay=1e-4))
param_scheduler = [dict(type='CosineAnnealingLR', eta_min=0., by_epoch=True)]
train_cfg = dict(max_epochs=300)
