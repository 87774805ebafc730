"""The position of a sample on the ground, for position-aware pretraining."""
from typing import Dict

import numpy as np
from mmcv.transforms import BaseTransform
from mmpretrain.registry import TRANSFORMS

from ..positions import (frame_id, map_frame_id, pixel_size,
                         window_centre)

#: Where ``RSIUnlabeledDataset`` takes positions from: windows drawn from
#: scenes, tiles named on a scene grid, or each tile's own georeference.
POSITION_SOURCES = ('scene', 'tile_grid', 'potsdam_grid', 'georeference')
GRID_SOURCES = ('tile_grid', 'potsdam_grid')
UNITS = ('pixel', 'map')


def missing_position_error(results: Dict, what: str) -> ValueError:
    return ValueError(
        f"{results.get('img_path')}: {what} needs the sample's position, but "
        'its dataset gives none: use RSIUnlabeledDataset with windows drawn '
        "from scenes or with positions='potsdam_grid', 'tile_grid' or "
        "'georeference' for tiles.")


@TRANSFORMS.register_module()
class SamplePosition(BaseTransform):
    """Put the centre of the sample and its coordinate frame on it.

    Goes after ``LoadRasterImageFromFile`` (which reports the georeference
    of the pixels read) in the pipeline of an ``RSIUnlabeledDataset`` that
    knows where its samples lie (``results['position_source']``):

    - ``'scene'`` (windows drawn from scenes) and ``'georeference'``
      (tiles): a georeferenced sample gets the map coordinates of the
      centre of the pixels read, as rasterio computes them, and the frame
      of its CRS; a scene without georeference gives the centre in its
      pixels and the frame of the scene;
    - ``'tile_grid'`` / ``'potsdam_grid'``: the centre of the tile's window
      on its scene grid, in scene pixels, and the frame of the scene (the
      tile must have the grid's size).

    With ``unit='pixel'`` (default) map coordinates are divided by the
    pixel size, so distances count pixels in every data mode (a radius
    fitted on tiles stays right on scenes) while samples of one CRS remain
    comparable across files; each pixel size is a frame of its own. With
    ``unit='map'`` they stay in map units (metres, degrees, ...).

    Added keys: ``centre`` (float64 ``(2,)``, x then y) and ``frame`` (int,
    see ``grsim_mm.datasets.positions.frame_id``). Pack both with
    ``PackInputs(algorithm_keys=['centre', 'frame'])``.

    Args:
        unit (str): ``'pixel'`` or ``'map'``, see above.
    """

    #: The dataset checks at build time that it gives one of these.
    position_sources = POSITION_SOURCES

    def __init__(self, unit: str = 'pixel') -> None:
        if unit not in UNITS:
            raise ValueError(f'SamplePosition: unit={unit!r} is not one of '
                             f'{UNITS}')
        self.unit = unit

    def transform(self, results: Dict) -> Dict:
        source = results.get('position_source')
        if source not in POSITION_SOURCES:
            raise missing_position_error(results, 'SamplePosition')
        geo = results.get('geo_transform')
        path = results.get('img_path')
        if source in GRID_SOURCES:
            _check_tile_size(results)
        elif geo is not None:
            h, w = results['ori_shape'][:2]
            x, y = window_centre(geo, (0, 0, w, h))
            if self.unit == 'pixel':
                size = pixel_size(geo)
                results['centre'] = np.array([x / size, y / size])
                results['frame'] = map_frame_id(results.get('crs'), size)
            else:
                results['centre'] = np.array([x, y])
                results['frame'] = map_frame_id(results.get('crs'))
            return results
        elif source == 'georeference':
            raise ValueError(
                f"{path}: positions='georeference', but the tile has no "
                'georeference (no geotransform). Give it one, name the '
                "tiles on their scene grid (positions='tile_grid') or "
                'draw windows from the scenes.')
        results['centre'] = np.array(
            window_centre(None, results['scene_window']), np.float64)
        results['frame'] = frame_id(results['scene_key'], None)
        return results

    def __repr__(self) -> str:
        return f'{self.__class__.__name__}(unit={self.unit!r})'


def _check_tile_size(results: Dict) -> None:
    """A tile placed on a grid must have the grid's tile size, or its
    position would silently be wrong."""
    h, w = results['ori_shape'][:2]
    tile = results['scene_window'][2]
    if (h, w) != (tile, tile):
        scene_size, tile_size = results['tile_grid']
        raise ValueError(
            f"{results.get('img_path')}: the tile is {w}x{h} px, but the "
            f'grid of {scene_size} px scenes it is placed on has {tile_size} '
            'px tiles; set the dataset\'s tile_grid=dict(scene_size=..., '
            'tile_size=...) to how the tiles were cut.')
