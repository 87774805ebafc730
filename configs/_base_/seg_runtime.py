# Runtime of every segmentation (fine-tuning / evaluation) config (mmseg
# scope).
_base_ = './default_runtime.py'
default_scope = 'mmseg'
visualizer = dict(
    type='SegLocalVisualizer',
    vis_backends=_base_.vis_backends)
log_processor = dict(by_epoch=True)
