from .rs_seg_metric import RSSegMetric

__all__ = ['RSSegMetric']
