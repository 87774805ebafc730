"""Two views of one tile and what relates them.

:mod:`.coordinate_maps` holds the exact maps between a view's pixels and
its source tile, :mod:`.matched_windows` the window pairs that show the same
ground in both views, :mod:`.overlap_grids` the common sampling grids of
their overlap, and :mod:`.paired_views` the transform that draws the views.
"""
from .overlap_grids import OverlapGrids
from .paired_views import GLCViews, PairedViews

__all__ = ['PairedViews', 'GLCViews', 'OverlapGrids']
