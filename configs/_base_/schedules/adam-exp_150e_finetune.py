# Fine-tuning schedule of the GLCNet reference code: Adam lr 1e-4, betas
# (0.9, 0.99), weight decay 1e-5 on every parameter, lr x0.98 after every
# epoch, 150 epochs. Validation on the model-selection split every epoch;
# the checkpoint with the best mIoU there is kept (the reference selected
# the best OA on the test list itself). A schedule brings the runtime of its
# kind of run (scope, logging, seed).
_base_ = '../seg_runtime.py'
optim_wrapper = dict(
    type='OptimWrapper',
    optimizer=dict(
        type='Adam', lr=1e-4, betas=(0.9, 0.99), weight_decay=1e-5))
param_scheduler = [dict(type='ExponentialLR', gamma=0.98, by_epoch=True)]
max_epochs = 150
train_cfg = dict(
    type='EpochBasedTrainLoop', max_epochs=max_epochs, val_interval=1)
val_cfg = dict(type='ValLoop')
test_cfg = dict(type='TestLoop')

default_hooks = dict(
    logger=dict(log_metric_by_epoch=True),
    checkpoint=dict(save_best='mIoU', rule='greater'),
    visualization=dict(type='RSISegVisualizationHook'))
