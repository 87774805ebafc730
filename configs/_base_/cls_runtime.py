# Runtime of every scene-classification config, linear probe or fine-tuning
# (mmpretrain scope).
_base_ = './default_runtime.py'
default_scope = 'mmpretrain'
visualizer = dict(
    type='UniversalVisualizer', vis_backends=_base_.vis_backends)
log_processor = dict(by_epoch=True)
