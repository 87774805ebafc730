from .rsi_scene_metric import RSISceneMetric
from .rsi_seg_metric import RSISegMetric, RSSegMetric

__all__ = ['RSISegMetric', 'RSSegMetric', 'RSISceneMetric']
