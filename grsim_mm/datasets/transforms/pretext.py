"""Inputs and targets of the pretext-task baselines.

- ``RandomHoles``: square holes for context inpainting;
- ``JigsawTiles``: a 3x3 grid of tiles shuffled by one of a fixed set of
  permutations, whose index the network predicts: the GLCNet authors' set
  (:data:`GLCNET_PERMUTATIONS`, shipped as package data), another ``.npy``
  file, or a set generated here (:func:`jigsaw_permutations`).
"""
import itertools
import os
import os.path as osp
from functools import lru_cache
from typing import Dict, Optional, Sequence

import numpy as np
from mmcv.transforms import BaseTransform
from mmpretrain.registry import TRANSFORMS

from .image_ops import resize_bilinear
from .photometric.grey import band_mean_grey

# Rejection draws per hole before overlaps with earlier holes are allowed.
_MAX_TRIES = 100

#: The 1000 permutations of 9 cells the GLCNet authors ship with their code
#: (``permutations_1000.npy``; int64, values 0..8, minimum Hamming distance
#: 2), copied unchanged. ``permutation_set='glcnet'`` selects it.
GLCNET_PERMUTATIONS = osp.join(
    osp.dirname(osp.dirname(osp.abspath(__file__))), 'data',
    'glcnet_jigsaw_permutations_1000.npy')


@TRANSFORMS.register_module()
class RandomHoles(BaseTransform):
    """Draw ``num_holes`` square holes per sample for inpainting.

    Unlike the reference, which draws one set of masks per epoch and reuses
    it for every batch, every call draws new holes, so no two samples share
    a mask. Holes lie inside the image and do not overlap each other, so the
    mask covers exactly ``num_holes * hole_size**2`` pixels; if a hole cannot
    be placed apart from the earlier ones in ``100`` draws (images too small
    for the holes), it may overlap them.

    The image itself is left untouched: the model blanks the holes after
    normalisation, so the target is the unmasked input.

    Required keys: ``img``.

    Added keys: ``hole_mask`` (np.ndarray, uint8 ``(H, W)``, 1 inside holes),
    ``holes`` (np.ndarray, int64 ``(num_holes, 4)``, ``(x1, y1, x2, y2)``
    half-open).

    Args:
        num_holes (int): Holes per image. Defaults to 16.
        hole_size (int): Side of the square holes in pixels. Defaults to 16.
    """

    def __init__(self, num_holes: int = 16, hole_size: int = 16) -> None:
        if num_holes < 1 or hole_size < 1:
            raise ValueError('num_holes and hole_size must be positive')
        self.num_holes = num_holes
        self.hole_size = hole_size

    def _draw(self, h: int, w: int) -> np.ndarray:
        size = self.hole_size
        holes = np.zeros((self.num_holes, 4), dtype=np.int64)
        for i in range(self.num_holes):
            for _ in range(_MAX_TRIES):
                x, y = np.random.randint(w - size + 1), np.random.randint(
                    h - size + 1)
                prev = holes[:i]
                apart = ((np.abs(prev[:, 0] - x) >= size) |
                         (np.abs(prev[:, 1] - y) >= size))
                if apart.all():
                    break
            holes[i] = (x, y, x + size, y + size)
        return holes

    def transform(self, results: Dict) -> Dict:
        h, w = results['img'].shape[:2]
        if h < self.hole_size or w < self.hole_size:
            raise ValueError(f'{self.hole_size} px holes do not fit into a '
                             f'{h}x{w} image')
        holes = self._draw(h, w)
        mask = np.zeros((h, w), dtype=np.uint8)
        for x1, y1, x2, y2 in holes:
            mask[y1:y2, x1:x2] = 1
        results['hole_mask'] = mask
        results['holes'] = holes
        return results

    def __repr__(self) -> str:
        return (f'{self.__class__.__name__}(num_holes={self.num_holes}, '
                f'hole_size={self.hole_size})')


def _cache_dir() -> str:
    root = os.environ.get('XDG_CACHE_HOME', osp.expanduser('~/.cache'))
    return osp.join(root, 'grsim_mm')


def _maximin_permutations(num: int, grid: int, seed: int) -> np.ndarray:
    """Greedy maximin selection among all ``(grid*grid)!`` permutations.

    Start from one permutation drawn at random; then repeatedly add the
    permutation whose minimum Hamming distance to the chosen ones is largest,
    breaking ties uniformly at random. Every draw uses one seeded generator,
    so the set depends on ``seed`` only.
    """
    cells = grid * grid
    if num > np.prod(np.arange(1, cells + 1, dtype=np.float64)):
        raise ValueError(f'only {cells}! permutations of {cells} cells exist')
    rng = np.random.default_rng(seed)
    # One row per cell, so each distance update runs over contiguous rows.
    pool = np.array(list(itertools.permutations(range(cells))),
                    dtype=np.uint8).T.copy()

    def distances(index: int) -> np.ndarray:
        dist = np.zeros(pool.shape[1], dtype=np.uint8)
        for row, value in zip(pool, pool[:, index]):
            dist += row != value
        return dist

    chosen = [int(rng.integers(pool.shape[1]))]
    min_dist = distances(chosen[0])
    for _ in range(num - 1):
        ties = np.flatnonzero(min_dist == min_dist.max())
        pick = int(ties[rng.integers(len(ties))])
        chosen.append(pick)
        np.minimum(min_dist, distances(pick), out=min_dist)
    return pool[:, chosen].T.astype(np.int64)


@lru_cache(maxsize=None)
def jigsaw_permutations(num: int = 1000,
                        grid: int = 3,
                        seed: int = 0,
                        cache: bool = True) -> np.ndarray:
    """The jigsaw permutation set, ``(num, grid*grid)`` int64.

    Generated deterministically by :func:`_maximin_permutations` (a few
    seconds for 1000 permutations of 9 tiles) and cached in memory and,
    with ``cache``, as ``.npy`` under ``$XDG_CACHE_HOME/grsim_mm``.
    """
    name = f'jigsaw_perm_{grid}x{grid}_{num}_seed{seed}.npy'
    path = osp.join(_cache_dir(), name)
    if cache and osp.isfile(path):
        perms = np.load(path)
        if perms.shape == (num, grid * grid):
            return perms
    perms = _maximin_permutations(num, grid, seed)
    if cache:
        os.makedirs(osp.dirname(path), exist_ok=True)
        tmp = f'{path}.{os.getpid()}.npy'
        np.save(tmp, perms)
        os.replace(tmp, path)
    return perms


def load_permutations(path: str, num: int, grid: int) -> np.ndarray:
    """A permutation set from an ``.npy`` file, checked: ``num`` distinct
    rows, each a permutation of the ``grid * grid`` cells 0..n-1."""
    if path == 'glcnet':
        path = GLCNET_PERMUTATIONS
    if not osp.isfile(path):
        raise FileNotFoundError(f'{path}: permutation file not found; use '
                                "permutation_set='glcnet' for the authors' "
                                'set or None to generate one')
    perms = np.load(path)
    cells = grid * grid
    if perms.shape != (num, cells):
        raise ValueError(f'{path}: {perms.shape} permutations, expected '
                         f'({num}, {cells}) for num_permutations={num} and a '
                         f'{grid}x{grid} grid')
    if not np.array_equal(np.sort(perms, axis=1),
                          np.broadcast_to(np.arange(cells), perms.shape)):
        raise ValueError(f'{path}: every row must hold the cells 0..'
                         f'{cells - 1} once (0-based; subtract 1 from a '
                         '1-based file)')
    if len(np.unique(perms, axis=0)) != num:
        raise ValueError(f'{path}: permutations repeat, so their indices '
                         'are not distinct labels')
    return perms.astype(np.int64)


@TRANSFORMS.register_module()
class JigsawTiles(BaseTransform):
    """Cut an image into a shuffled 3x3 puzzle.

    A random square of ``grid * cell_size`` pixels is cropped, split into
    ``grid x grid`` cells, and a random ``tile_size`` square is taken inside
    each cell (the gap keeps the network from solving the puzzle by matching
    edges); tiles are resized to ``out_size`` when given. The tiles are then
    reordered by a permutation drawn uniformly from
    :func:`jigsaw_permutations`: output position ``i`` holds the tile of
    cell ``perm[i]``, as in the reference.

    Required keys: ``img``. Modified keys: ``img`` (list of ``grid**2``
    tiles), ``img_shape``. Added key: ``jigsaw_label`` (int, the index of
    the permutation).

    Args:
        cell_size (int): Side of a grid cell. Defaults to 75 (the
            reference's 225 px puzzle).
        tile_size (int): Side of the tile cropped in each cell. Defaults to
            64.
        out_size (int, optional): Side the tiles are resized to. Defaults to
            75 (as the reference); None keeps ``tile_size``.
        grid (int): Cells per side. Defaults to 3.
        num_permutations (int): Size of the permutation set. Defaults to
            1000.
        seed (int): Seed of a generated permutation set. Defaults to 0.
        permutation_set (str, optional): ``'glcnet'`` for the authors' set
            (:data:`GLCNET_PERMUTATIONS`, what the reference configs use),
            a path to an ``.npy`` file of 0-based permutations, or None to
            generate a maximin-Hamming set from ``seed``
            (:func:`jigsaw_permutations`). Defaults to None.
    """

    def __init__(self,
                 cell_size: int = 75,
                 tile_size: int = 64,
                 out_size: Optional[int] = 75,
                 grid: int = 3,
                 num_permutations: int = 1000,
                 seed: int = 0,
                 permutation_set: Optional[str] = None) -> None:
        if not 0 < tile_size <= cell_size:
            raise ValueError('tile_size must be in (0, cell_size]')
        self.cell_size = cell_size
        self.tile_size = tile_size
        self.out_size = out_size
        self.grid = grid
        self.num_permutations = num_permutations
        self.seed = seed
        self.permutation_set = permutation_set
        if permutation_set is None:
            self.permutations = jigsaw_permutations(num_permutations, grid,
                                                    seed)
        else:
            self.permutations = load_permutations(permutation_set,
                                                  num_permutations, grid)

    def transform(self, results: Dict) -> Dict:
        img = results['img']
        h, w = img.shape[:2]
        side = self.grid * self.cell_size
        if h < side or w < side:
            raise ValueError(f'a {side} px puzzle does not fit into a '
                             f'{h}x{w} image')
        y0, x0 = np.random.randint(h - side + 1), np.random.randint(w - side +
                                                                    1)
        gap = self.cell_size - self.tile_size
        tiles = []
        for row in range(self.grid):
            for col in range(self.grid):
                y = y0 + row * self.cell_size + np.random.randint(gap + 1)
                x = x0 + col * self.cell_size + np.random.randint(gap + 1)
                tile = img[y:y + self.tile_size, x:x + self.tile_size]
                if self.out_size and self.out_size != self.tile_size:
                    tile = resize_bilinear(tile,
                                           (self.out_size, self.out_size))
                tiles.append(np.ascontiguousarray(tile))
        label = np.random.randint(self.num_permutations)
        results['img'] = [tiles[i] for i in self.permutations[label]]
        results['img_shape'] = results['img'][0].shape[:2]
        results['jigsaw_label'] = label
        return results

    def __repr__(self) -> str:
        return (f'{self.__class__.__name__}(cell_size={self.cell_size}, '
                f'tile_size={self.tile_size}, out_size={self.out_size}, '
                f'grid={self.grid}, '
                f'num_permutations={self.num_permutations}, seed={self.seed}, '
                f'permutation_set={self.permutation_set})')


@TRANSFORMS.register_module()
class CentralMask(BaseTransform):
    """The fixed central hole of RSISC's context-encoder inpainting.

    The hole is the centred ``round(ratio * H) x round(ratio * W)``
    rectangle (RSISC: ratio 0.5, the middle quarter of the area). The image
    is left untouched; the model blanks the hole after normalisation (to the
    band mean) and reconstructs the whole image.

    Required keys: ``img``. Added key: ``hole_mask`` (uint8 ``(H, W)``, 1
    inside the hole), which ``PackInputs(algorithm_keys=['hole_mask'])``
    passes to the model.

    Args:
        ratio: Side of the hole as a fraction of the image side.
    """

    def __init__(self, ratio: float = 0.5) -> None:
        if not 0 < ratio < 1:
            raise ValueError(f'ratio must be in (0, 1), got {ratio}')
        self.ratio = ratio

    def transform(self, results: Dict) -> Dict:
        h, w = results['img'].shape[:2]
        mh, mw = int(round(h * self.ratio)), int(round(w * self.ratio))
        y, x = (h - mh) // 2, (w - mw) // 2
        mask = np.zeros((h, w), dtype=np.uint8)
        mask[y:y + mh, x:x + mw] = 1
        results['hole_mask'] = mask
        return results

    def __repr__(self) -> str:
        return f'{self.__class__.__name__}(ratio={self.ratio})'


@TRANSFORMS.register_module()
class GreyColourPair(BaseTransform):
    """Input and target of colourisation: ``img`` becomes
    ``[grey, colour]``, the grey image being the (weighted) band mean
    repeated into every band, in the image's dtype.

    The grey input keeps the band count, so the backbone that learns from it
    has the first convolution of the network it initialises, and the target
    is the colour image itself (RSISC's released code compares the output
    with its grey input instead, which makes the task an identity).

    Required keys: ``img``. Modified keys: ``img`` (a list of two images),
    packed by ``PackInputs`` as two inputs like two views.

    Args:
        weights: Band weights of the grey image; None for the plain mean,
            e.g. ``(0.299, 0.587, 0.114)`` for the luminance of R, G, B.
    """

    def __init__(self, weights: Optional[Sequence[float]] = None) -> None:
        self.weights = None if weights is None else tuple(weights)

    def transform(self, results: Dict) -> Dict:
        img = results['img']
        if img.ndim != 3:
            raise ValueError('colourisation needs an (H, W, C) image, got '
                             f'shape {img.shape}')
        results['img'] = [band_mean_grey(img, self.weights), img]
        return results

    def __repr__(self) -> str:
        return f'{self.__class__.__name__}(weights={self.weights})'
