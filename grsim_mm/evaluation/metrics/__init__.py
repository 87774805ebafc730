from .rs_seg_metric import RSSegMetric
from .rsi_scene_metric import RSISceneMetric

__all__ = ['RSSegMetric', 'RSISceneMetric']
