# RSISC's linear-probe and fine-tuning schedule (main_cls.py, README): Adam
# lr 4e-4, betas (0.9, 0.99), no weight decay, cosine decay to 0 stepped per
# epoch (over train_cfg.max_epochs), 200 epochs, batch 64 (the dataset
# setting's). Validation on the selection split every epoch keeps the
# checkpoint with the best overall accuracy, which the test evaluates; RSISC
# selected on part of the split it reported.
_base_ = '../cls_runtime.py'
optim_wrapper = dict(
    type='OptimWrapper',
    optimizer=dict(type='Adam', lr=4e-4, betas=(0.9, 0.99), weight_decay=0.))
param_scheduler = [dict(type='CosineAnnealingLR', eta_min=0., by_epoch=True)]
train_cfg = dict(type='EpochBasedTrainLoop', max_epochs=200, val_interval=1)
val_cfg = dict(type='ValLoop')
test_cfg = dict(type='TestLoop')
default_hooks = dict(
    checkpoint=dict(interval=50, save_best='scene/OA', rule='greater'))
