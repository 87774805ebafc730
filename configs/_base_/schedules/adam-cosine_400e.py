# Pretraining schedule of the GLCNet reference code, shared by every
# pretraining method: Adam lr 1e-3, betas (0.9, 0.99), weight decay 1e-5 on
# every parameter (BN and biases included), cosine annealing to 4e-8 stepped
# once per epoch, 400 epochs. The reference scales the lr by the number of
# GPUs; here the lr belongs to the total batch of 256 (8 GPUs x 32), see
# auto_scale_lr (--auto-scale-lr rescales it for another total batch).
# A schedule brings the runtime of its kind of run (scope, logging, seed).
_base_ = '../selfsup_runtime.py'
optim_wrapper = dict(
    type='OptimWrapper',
    optimizer=dict(
        type='Adam', lr=1e-3, betas=(0.9, 0.99), weight_decay=1e-5))
# the cosine runs over train_cfg.max_epochs (its end and T_max default to
# them), so a shorter schedule only changes max_epochs
param_scheduler = [dict(type='CosineAnnealingLR', eta_min=4e-8, by_epoch=True)]
train_cfg = dict(type='EpochBasedTrainLoop', max_epochs=400)
auto_scale_lr = dict(base_batch_size=256, enable=False)

# A resumable last checkpoint every 10 epochs; the lowest-loss one is kept
# by the runtime's TrainLossCheckpointHook.
default_hooks = dict(checkpoint=dict(save_last=True))
