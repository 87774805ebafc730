"""Showing multispectral data and results: the display picture of any band
count and dtype, the segmentation visualizer, the confusion-matrix figure
and the plot style shared by every figure."""
from .confusion_matrix import (draw_confusion_matrix, normalise_rows,
                               plot_confusion_matrix)
from .display import (DEFAULT_PERCENTILES, display_bands, display_rgb,
                      stretch_band)
from .rsi_seg_local_visualizer import RSISegLocalVisualizer
from .style import figure

__all__ = [
    'DEFAULT_PERCENTILES', 'RSISegLocalVisualizer', 'display_bands',
    'display_rgb', 'draw_confusion_matrix', 'figure', 'normalise_rows',
    'plot_confusion_matrix', 'stretch_band'
]
