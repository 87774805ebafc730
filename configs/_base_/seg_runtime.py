# Runtime of every segmentation (fine-tuning / evaluation) config (mmseg
# scope). The visualizer paints tiles of any band count: the bands the
# dataset names red, green and blue (else the first three; rgb_bands=(i, j,
# k) chooses), each stretched between its 2nd and 98th percentile.
_base_ = './default_runtime.py'
default_scope = 'mmseg'
visualizer = dict(
    type='RSISegLocalVisualizer',
    vis_backends=_base_.vis_backends,
    rgb_bands=None,
    percentiles=(2, 98))
log_processor = dict(by_epoch=True)
