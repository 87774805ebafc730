"""Sampling grids of the overlap of two views, for dense consistency losses.

SSCCL compares the two views' dense features at the same ground location.
Both views are resampled onto one regular grid laid over the source box that
both crops show; flips and rotations are undone exactly because every grid
point is mapped into each view with the closed-form maps of
:mod:`.coordinate_maps`.
"""
from typing import Dict

import numpy as np
from mmcv.transforms import BaseTransform
from mmpretrain.registry import TRANSFORMS

from .coordinate_maps import box_grid, overlap_box, source_to_grid


@TRANSFORMS.register_module()
class OverlapGrids(BaseTransform):
    """Add, per view, the ``grid_sample`` coordinates of a common overlap grid.

    Must follow :class:`PairedViews` (which records ``view_params``). The grid
    has ``grid_size x grid_size`` cells over the overlap box of the two crops
    in source pixels. Points sit at cell centres, inset by half a source
    pixel so they stay between the centres of the first and last shared
    source pixels, where bilinear views are exact.

    When the crops share less than ``min_overlap`` source pixels along an
    axis (or nothing at all), the pair is marked invalid and the grids hold
    the view centre, which is always in bounds.

    Required keys: ``view_params``.

    Added keys:

    - ``overlap_grids`` (np.ndarray): float32 ``(2, G, G, 2)``; for view
      ``v``, ``(x, y)`` in ``[-1, 1]`` for ``grid_sample(...,
      align_corners=False)``. Normalised coordinates do not depend on the
      resolution, so the same grid samples the stride-4 or stride-16 map.
    - ``overlap_valid`` (np.ndarray): bool ``(1,)``.

    Args:
        grid_size (int): Points per side of the common grid. Defaults to 8.
        min_overlap (float): Smallest shared extent, in source pixels, per
            axis. Defaults to 16.
    """

    def __init__(self, grid_size: int = 8, min_overlap: float = 16.) -> None:
        if grid_size < 1:
            raise ValueError(f'grid_size must be positive, got {grid_size}')
        self.grid_size = grid_size
        self.min_overlap = min_overlap

    def transform(self, results: Dict) -> Dict:
        params = results['view_params']
        size = (self.grid_size, self.grid_size)
        box = overlap_box(params)
        valid = box is not None and min(box[2] - box[0],
                                         box[3] - box[1]) >= self.min_overlap
        grids = np.zeros((2, *size, 2), dtype=np.float32)
        if valid:
            x1, y1, x2, y2 = box
            points = box_grid((x1 + 0.5, y1 + 0.5, x2 - 0.5, y2 - 0.5), size)
            for v, p in enumerate(params):
                grids[v] = source_to_grid(points, p)
        results['overlap_grids'] = grids
        results['overlap_valid'] = np.array([valid])
        return results

    def __repr__(self) -> str:
        return (f'{self.__class__.__name__}(grid_size={self.grid_size}, '
                f'min_overlap={self.min_overlap})')
