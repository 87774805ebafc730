from .rsi_seg_metric import RSISegMetric, RSSegMetric

__all__ = ['RSISegMetric', 'RSSegMetric']
