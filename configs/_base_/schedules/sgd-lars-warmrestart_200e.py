# The released pretraining schedule of FALSE (200 epochs) and GraSS
# (sgd-lars-warmrestart_350e.py), VISSL's SimCLR recipe as the authors set
# it: SGD momentum 0.9 with LARS (trust coefficient 0.001, no clipping, on
# every parameter), weight decay 1e-6 except on normalisation layers, lr 4.8
# for a batch of 256 (not scaled). The lr is updated every step: linear from
# 0.6 over the first 10 % of training, then VISSL's cosine with warm
# restarts (full wave, restart interval 0.334, adaptive peaks 3.597 and
# 1.195, floor 0.0048); see CosineWarmRestartLR. The loop and hooks are
# those of the common pretraining schedule.
_base_ = './adam-cosine_400e.py'
optim_wrapper = dict(
    optimizer=dict(
        _delete_=True,
        type='LARS',
        lr=4.8,
        momentum=0.9,
        weight_decay=1e-6,
        eta=0.001),
    paramwise_cfg=dict(norm_decay_mult=0.0))
max_epochs = 200
# without `end` the schedule spans the whole run
param_scheduler = [
    dict(
        type='CosineWarmRestartLR',
        warmup_ratio=0.1,
        warmup_start_factor=0.6 / 4.8,
        eta_min_ratio=0.0048 / 4.8,
        restart_interval=0.334,
        by_epoch=True,
        convert_to_iter_based=True)
]
train_cfg = dict(max_epochs=max_epochs)
