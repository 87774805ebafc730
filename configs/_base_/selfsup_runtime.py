# Runtime of every self-supervised pretraining config (mmpretrain scope).
# Besides the last checkpoint, every method keeps the one of the epoch with
# the lowest mean training loss (best_loss_epoch_N.pth), as the reference
# does; the fine-tuning configs initialise from it.
_base_ = './default_runtime.py'
default_scope = 'mmpretrain'
visualizer = dict(
    type='UniversalVisualizer',
    vis_backends=_base_.vis_backends)
log_processor = dict(window_size=10, by_epoch=True)
custom_hooks = [dict(type='TrainLossCheckpointHook')]
