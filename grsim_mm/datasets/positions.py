"""Where a sample lies on the ground: its scene, its window in the scene and
the coordinates of its centre.

Position-aware methods (RiSSNet's neighbourhood positives, GFCNet's
geography-corrected negatives) compare samples by the distance between
their centres. Distances only mean something inside one coordinate frame:

- georeferenced samples give map coordinates, and their frame is the CRS
  (:func:`map_frame_id`), so tiles or scenes of one CRS are compared across
  file borders and samples of different CRSs never;
- samples without georeference give pixel coordinates of their scene, and
  their frame is the scene key.

Samples of different frames are never near (their distance is infinite).
CRSs are compared as WKT text, so two spellings of one CRS count as
different frames; that errs on the safe side (a near pair missed, never a
far pair taken as near).

Windows are ``(x, y, width, height)`` in pixels of the scene, ``x`` the
column, as everywhere in the package. The transform that puts a position on
every sample is ``SamplePosition`` (``grsim_mm.datasets.transforms``).
"""
import hashlib
import math
import os.path as osp
import re
from typing import List, NamedTuple, Optional, Sequence, Tuple

import numpy as np
import torch
from torch import Tensor

#: Side of an ISPRS Potsdam scene and of the tiles of the reference layout.
POTSDAM_SCENE_SIZE = 6000
POTSDAM_TILE_SIZE = 256

_POTSDAM_TILE = re.compile(r'^top_potsdam_(\d+_\d+)_([A-Za-z]+)__(\d+)\.tif$')
# {scene}_{DTYPE}__{k}.tif, the names of the converter and the demo data
_GRID_TILE = re.compile(r'^(.+)_([A-Za-z]+)__(\d+)(\.tiff?)$')


def grid_offsets(size: int, tile: int) -> List[int]:
    """Tile offsets along a side of ``size`` px cut into ``tile`` px tiles.

    ``n = ceil(size / tile)`` tiles at ``round(i * (size - tile) / (n - 1))``
    (halves up): the first starts at 0, the last ends at ``size`` and the
    surplus becomes an even overlap, so nothing is padded or dropped. This is
    the grid of ``tools/dataset_converters/potsdam.py``.
    """
    if size < tile:
        raise ValueError(f'a side of {size} px is smaller than a tile of '
                         f'{tile} px')
    n = math.ceil(size / tile)
    if n == 1:
        return [0]
    return [math.floor(i * (size - tile) / (n - 1) + 0.5) for i in range(n)]


class GridTile(NamedTuple):
    """A tile of a scene cut on the converter's grid."""
    scene: str  # e.g. '2_10'
    row: int  # 0-based grid row, top to bottom
    col: int  # 0-based grid column, left to right
    window: Tuple[int, int, int, int]  # (x, y, w, h) in scene pixels


def _grid_cell(name: str, scene: str, k: int, scene_size: int,
               tile_size: int) -> GridTile:
    offsets = grid_offsets(scene_size, tile_size)
    n = len(offsets)
    if not 1 <= k <= n * n:
        raise ValueError(
            f'{name}: tile index {k} is outside the {n}x{n} grid of a '
            f'{scene_size} px scene cut into {tile_size} px tiles (1..'
            f'{n * n}); check scene_size and tile_size')
    row, col = divmod(k - 1, n)
    return GridTile(scene, row, col,
                    (offsets[col], offsets[row], tile_size, tile_size))


def potsdam_tile_position(name: str,
                          scene_size: int = POTSDAM_SCENE_SIZE,
                          tile_size: int = POTSDAM_TILE_SIZE) -> GridTile:
    """Scene, grid cell and window of a Potsdam tile from its file name.

    ``top_potsdam_{a}_{b}_{DTYPE}__{k}.tif`` is tile ``k`` (1-based,
    row-major: ``k = row * n + col + 1``) of scene ``{a}_{b}`` on the grid
    of :func:`grid_offsets`. Tiles written by our converter lie exactly
    there; the reference's own tiles carry the same names, but how they were
    cut is not recorded, so for them the window is our grid's.

    Args:
        name: File name or path of the tile.
        scene_size: Side of the (square) scene in px.
        tile_size: Side of a tile in px.
    """
    match = _POTSDAM_TILE.match(osp.basename(name))
    if match is None:
        raise ValueError(
            f'{name}: not a Potsdam tile name of the form '
            'top_potsdam_{a}_{b}_{DTYPE}__{k}.tif; give such tiles their '
            'position another way (their georeference or a scene window)')
    return _grid_cell(name, match.group(1), int(match.group(3)), scene_size,
                      tile_size)


def grid_tile_position(name: str, scene_size: int,
                       tile_size: int) -> GridTile:
    """Scene, grid cell and window of a tile named
    ``{scene}_{DTYPE}__{k}.tif`` (the converter's and the demo data's
    names): tile ``k`` (1-based, row-major) of scene ``{scene}`` on the grid
    of :func:`grid_offsets`. For Potsdam names the scene is the whole
    prefix (``top_potsdam_2_10``), not the short key of
    :func:`potsdam_tile_position`.
    """
    match = _GRID_TILE.match(osp.basename(name))
    if match is None:
        raise ValueError(
            f'{name}: not a tile name of the form {{scene}}_{{DTYPE}}__{{k}}'
            '.tif that places it on a scene grid; give such tiles their '
            'position another way (their georeference or a scene window)')
    return _grid_cell(name, match.group(1), int(match.group(3)), scene_size,
                      tile_size)


def grid_tile_path(path: str, row: int, col: int, scene_size: int,
                   tile_size: int) -> str:
    """Path of the tile at ``(row, col)`` of the grid that the tile at
    ``path`` (named as in :func:`grid_tile_position`) belongs to: the same
    folder, scene and band tag."""
    n = len(grid_offsets(scene_size, tile_size))
    if not (0 <= row < n and 0 <= col < n):
        raise ValueError(f'grid cell ({row}, {col}) is outside the {n}x{n} '
                         'grid')
    folder, base = osp.split(path)
    match = _GRID_TILE.match(base)
    if match is None:
        raise ValueError(f'{path}: not a tile name of the form '
                         '{scene}_{DTYPE}__{k}.tif')
    scene, dtype, _, suffix = match.groups()
    return osp.join(folder, f'{scene}_{dtype}__{row * n + col + 1}{suffix}')


def window_centre(geo_transform: Optional[Sequence[float]],
                  window: Sequence[int]) -> Tuple[float, float]:
    """Coordinates of the centre of ``window`` (x, y, w, h).

    ``geo_transform`` is the affine ``(a, b, c, d, e, f)`` of the raster
    the window is given in, and the result is in its map units. For the
    transform of a window that was read (what ``read_raster`` and
    ``LoadRasterImageFromFile`` report), which is the window's own, pass
    ``(0, 0, w, h)``. With None (no georeference) the result is in pixels
    of the raster. This is rasterio's ``xy(transform, y + h / 2, x + w / 2,
    offset='ul')``: the centre of the window, which for an even size lies on
    a pixel corner rather than at a pixel centre.
    """
    x, y, w, h = window
    col, row = x + w / 2, y + h / 2
    if geo_transform is None:
        return float(col), float(row)
    a, b, c, d, e, f = geo_transform[:6]
    return a * col + b * row + c, d * col + e * row + f


def pixel_size(geo_transform: Sequence[float]) -> float:
    """Side of a square pixel of the same area, in map units:
    ``sqrt(|a * e - b * d|)`` of the affine ``(a, b, c, d, e, f)``."""
    a, b, _, d, e, _ = geo_transform[:6]
    return math.sqrt(abs(a * e - b * d))


def frame_id(scene: str, crs: Optional[str]) -> int:
    """A stable non-negative 63-bit id of the frame (scene key, CRS).

    Built from a hash of the text rather than Python's salted ``hash`` or a
    running count, so every rank and every worker gives one frame the same
    id without talking to each other.
    """
    digest = hashlib.sha1(f'{scene}\0{crs or ""}'.encode('utf-8')).digest()
    return int.from_bytes(digest[:8], 'little') & (2**63 - 1)


def map_frame_id(crs: Optional[str],
                 pixel: Optional[float] = None) -> int:
    """Frame of map coordinates in ``crs``. With ``pixel`` (the
    coordinates counted in pixels of that size) there is one frame per CRS
    and pixel size, so counts of different pixel sizes are never
    compared."""
    key = '\0map' if pixel is None else f'\0map {pixel:.9g}'
    return frame_id(key, crs)


def pairwise_geo_distance(centres: Tensor, frames: Tensor,
                          key_centres: Tensor, key_frames: Tensor) -> Tensor:
    """Euclidean distances (M, K) between the centres of two batches, in
    float64, infinite between different frames.

    Differences are taken coordinate by coordinate (not with ``cdist``'s
    matrix-product form), so map coordinates of millions of metres keep
    their sub-metre precision.
    """
    a, b = centres.double(), key_centres.double()
    dist = torch.hypot(a[:, None, 0] - b[None, :, 0],
                       a[:, None, 1] - b[None, :, 1])
    same = frames[:, None] == key_frames[None, :]
    return dist.masked_fill(~same, math.inf)


def geo_distance_matrix(scenes: Sequence[str], crss: Sequence[Optional[str]],
                        centres: Sequence[Sequence[float]]) -> np.ndarray:
    """Distance matrix (N, N) of N positions given as scene keys, CRSs (WKT
    or None) and centres; infinite across scenes or CRSs."""
    if not len(scenes) == len(crss) == len(centres):
        raise ValueError(f'got {len(scenes)} scenes, {len(crss)} CRSs and '
                         f'{len(centres)} centres; give one of each per '
                         'sample')
    frames = torch.tensor([frame_id(s, c) for s, c in zip(scenes, crss)])
    xy = torch.as_tensor(np.asarray(centres, np.float64).reshape(-1, 2))
    return pairwise_geo_distance(xy, frames, xy, frames).numpy()
