# Fine-tuning schedule of the FALSE code (its mmseg schedule_1300): SGD lr
# 0.01, momentum 0.9, weight decay 5e-4, poly decay (power 0.9) to 1e-4
# every iteration, 1300 iterations; validation and the best checkpoint at
# the end. The hooks and runtime of the common fine-tuning schedule.
_base_ = './adam-exp_150e_finetune.py'
optim_wrapper = dict(
    optimizer=dict(
        _delete_=True, type='SGD', lr=0.01, momentum=0.9, weight_decay=5e-4))
max_epochs = None
max_iters = 1300
param_scheduler = [
    dict(
        type='PolyLR',
        eta_min=1e-4,
        power=0.9,
        begin=0,
        end=max_iters,
        by_epoch=False)
]
train_cfg = dict(
    _delete_=True,
    type='IterBasedTrainLoop',
    max_iters=max_iters,
    val_interval=max_iters)
default_hooks = dict(
    logger=dict(log_metric_by_epoch=False),
    checkpoint=dict(by_epoch=False, interval=max_iters))
log_processor = dict(by_epoch=False)
