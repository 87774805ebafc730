"""Windows near the anchor in its own scene (RiSSNet's candidate queue)."""
import math
import os.path as osp
from typing import Dict, List, Tuple

import numpy as np
from mmcv.transforms import BaseTransform
from mmpretrain.registry import TRANSFORMS

from ..positions import grid_offsets, grid_tile_path
from ..raster_io import read_raster
from .sample_position import GRID_SOURCES, missing_position_error

Window = Tuple[int, int, int, int]


@TRANSFORMS.register_module()
class NeighbourTiles(BaseTransform):
    """Read ``num_neighbours`` windows whose centres lie within ``radius``
    of the anchor's centre in the anchor's own scene, for the views to
    make them into extra views.

    Goes between the loader and ``PairedViews`` (which renders every extra
    image like the anchor's view 2, with its own random draws), in an
    ``RSIUnlabeledDataset`` that knows where its samples lie:

    - windows drawn from scenes: the neighbours are windows of the anchor's
      size whose offsets from the anchor are drawn uniformly among the whole
      pixel offsets in the disc of ``radius`` (zero excluded) that keep the
      window inside the scene, so none is outside the scene or farther
      than the radius;
    - tiles on a scene grid (``positions='potsdam_grid'`` or
      ``'tile_grid'``): the neighbours are drawn without replacement from
      the other grid cells whose windows' centres lie within the radius
      and whose tile files exist beside the anchor's.

    ``radius`` counts window sides (the anchor's width), so one value fits
    every tile size: on a grid whose spacing is at most a tile, 1.5 is
    exactly the 8-neighbourhood. Neighbours are read through the toolbox's
    raster reader with the sample's band facts. Slots that no neighbour
    fills (a tile at a scene corner, missing tiles) hold the anchor image
    and are marked invalid, so every sample has the same number of views.

    Added keys: ``extra_imgs`` (K images, HWC, consumed by
    ``PairedViews``), ``neighbour_windows`` (int64 ``(K, 4)``,
    ``(x, y, w, h)`` in scene pixels; -1 for invalid slots) and
    ``neighbour_valid`` (bool ``(K,)``; pack it with
    ``PackInputs(algorithm_keys=['neighbour_valid'])``).

    Args:
        num_neighbours (int): K, the candidates per anchor. Defaults to 8.
        radius (float): R, in window sides. Defaults to 1.5.
        max_rounds (int): Rounds of random draws for scene windows before
            the remaining slots stay invalid. Defaults to 10.
    """

    position_sources = ('scene', ) + GRID_SOURCES

    def __init__(self,
                 num_neighbours: int = 8,
                 radius: float = 1.5,
                 max_rounds: int = 10) -> None:
        if num_neighbours < 1:
            raise ValueError(f'NeighbourTiles: num_neighbours must be at '
                             f'least 1, got {num_neighbours}')
        if radius <= 0:
            raise ValueError(f'NeighbourTiles: radius must be positive, got '
                             f'{radius}')
        self.num_neighbours = num_neighbours
        self.radius = radius
        self.max_rounds = max_rounds

    def _scene_offsets(self, results: Dict) -> List[Window]:
        x, y, w, h = results['scene_window']
        scene_h, scene_w = results['scene_shape'][:2]
        r = self.radius * w
        reach = int(math.floor(r))
        lo = np.array([max(-reach, -x), max(-reach, -y)])
        hi = np.array([min(reach, scene_w - w - x),
                       min(reach, scene_h - h - y)])
        found: List[Window] = []
        for _ in range(self.max_rounds):
            draws = np.random.randint(
                lo, hi + 1, size=(4 * self.num_neighbours, 2))
            dist2 = (draws**2).sum(1)
            keep = draws[(dist2 <= r * r) & (dist2 > 0)]
            found += [(x + int(dx), y + int(dy), w, h) for dx, dy in keep]
            if len(found) >= self.num_neighbours:
                break
        return found[:self.num_neighbours]

    def _grid_neighbours(self, results: Dict) -> List[Tuple[str, Window]]:
        scene_size, tile_size = results['tile_grid']
        row, col = results['grid_cell']
        offsets = grid_offsets(scene_size, tile_size)
        r = self.radius * tile_size
        cells = []
        for i, y in enumerate(offsets):
            for j, x in enumerate(offsets):
                dist = math.hypot(x - offsets[col], y - offsets[row])
                if (i, j) == (row, col) or dist > r:
                    continue
                path = grid_tile_path(results['img_path'], i, j, scene_size,
                                      tile_size)
                if osp.exists(path):
                    cells.append((path, (x, y, tile_size, tile_size)))
        picks = np.random.permutation(len(cells))[:self.num_neighbours]
        return [cells[i] for i in picks]

    def transform(self, results: Dict) -> Dict:
        source = results.get('position_source')
        if source == 'scene':
            # read the window of the scene
            reads = [(results['img_path'], window, window)
                     for window in self._scene_offsets(results)]
        elif source in GRID_SOURCES:
            # read the whole neighbouring tile
            reads = [(path, None, window)
                     for path, window in self._grid_neighbours(results)]
        else:
            raise missing_position_error(results, 'NeighbourTiles')
        images, windows = [], np.full((self.num_neighbours, 4), -1,
                                      np.int64)
        valid = np.zeros(self.num_neighbours, bool)
        for k, (path, read_window, window) in enumerate(reads):
            data, _ = read_raster(path, results.get('bands'), read_window,
                                  results.get('num_bands'))
            images.append(np.ascontiguousarray(data.transpose(1, 2, 0)))
            windows[k], valid[k] = window, True
        images += [results['img']] * (self.num_neighbours - len(reads))
        results['extra_imgs'] = images
        results['neighbour_windows'] = windows
        results['neighbour_valid'] = valid
        return results

    def __repr__(self) -> str:
        return (f'{self.__class__.__name__}(num_neighbours='
                f'{self.num_neighbours}, radius={self.radius})')
