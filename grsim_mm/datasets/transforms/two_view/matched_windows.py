"""Matched window pairs between two views, computed from their geometry.

GLCNet's local loss compares the mean feature of a window in one view with
the window centred on the same ground point in the other view. The reference
finds such pairs by intersecting resampled pixel-id maps, which costs a set
intersection of ~40k ids per sample, anchors windows on the first occurrence
of an id (up to 1 px off) and crashes on an empty overlap.

Here the candidates follow from :mod:`.coordinate_maps`. Every source axis is
shown along exactly one axis of each view, so the candidate set is a product
of two 1-D sets and costs a few hundred arithmetic operations:

- a window's centre is its geometric centre ``x1 + (window_size - 1) / 2``
  (pixel-centre coordinates); for a source pixel ``s`` each view takes the
  window position whose centre lands closest to ``s``, clipped so the window
  lies inside the view;
- ``s`` is a candidate if in *both* views that centre falls in pixel ``s``
  (within half a source pixel of its centre). Downscaled views skip some
  source pixels, which are then no candidates;
- windows are ``window_size`` pixels in each view's own pixel grid, as in
  the reference, so their ground sizes differ by the zoom ratio of the
  views. The windows share a centre, which rotations and flips preserve.

Pairs are drawn one after another, uniformly among the candidates whose
view-1 window centre does not lie inside an earlier pair's view-1 window (the
reference's rule); only when no such candidate is left may a candidate repeat.
"""
from typing import Dict, List, Optional, Tuple

import numpy as np

from .coordinate_maps import (overlap_box, source_to_view_matrix,
                              view_shape, view_to_source_matrix)

# Cheap random draws tried before the excluded set is computed exactly.
_REJECTION_TRIES = 16

# A view's (view -> source matrix, source -> view matrix, final shape).
ViewMap = Tuple[np.ndarray, np.ndarray, Tuple[int, int]]


class AxisCandidates:
    """Candidate source pixels along one source axis for a set of views.

    For each source pixel ``s`` and view, the window origin whose centre
    lands closest to ``s`` is searched among the two integers around the
    ideal (fractional) origin: any origin whose centre lands on ``s`` lies
    within half a pixel of it unless the view magnifies, and both are needed
    because half-pixel ties (e.g. even windows without zoom) round the same
    way in both directions. Each map is a signed permutation plus zoom, so a
    matrix entry and the offset give the 1-D map; the arithmetic is that of
    :func:`.coordinate_maps.view_to_source`, so the rounding agrees bit for
    bit.

    Attributes:
        pixels (np.ndarray): Candidate source coordinates along the axis.
        view_axes (List[int]): For each view, the view axis (0 = x, 1 = y)
            that shows this source axis.
        origins (np.ndarray): ``(num_views, len(pixels))`` window origins
            along ``view_axes[v]`` whose centres land on the candidates.
    """

    def __init__(self, maps: List[ViewMap], axis: int, window_size: int,
                 lo: int, hi: int) -> None:
        pixels = np.arange(lo, hi, dtype=np.float64)
        self.view_axes = [
            int(np.argmax(np.abs(to_source[axis, :2])))
            for to_source, _, _ in maps
        ]
        # Per view (one row each): the 1-D maps and the last valid origin.
        coef = np.array([[
            to_source[axis, j], to_source[axis, 2], to_view[j, axis],
            to_view[j, 2], shape[1 - j] - window_size
        ] for (to_source, to_view, shape), j in zip(maps, self.view_axes)])
        fwd_a, fwd_b, inv_a, inv_b, last = coef.T[:, :, None]
        offset = (window_size - 1) / 2
        ideal = pixels * inv_a + inv_b - offset
        lower = np.minimum(np.maximum(np.floor(ideal), 0), last)
        upper = np.minimum(np.maximum(np.floor(ideal) + 1, 0), last)
        hit_lower = np.floor((lower + offset) * fwd_a + fwd_b + 0.5) == pixels
        hit_upper = np.floor((upper + offset) * fwd_a + fwd_b + 0.5) == pixels
        take_upper = hit_upper & (~hit_lower | (np.abs(upper - ideal) <
                                                np.abs(lower - ideal)))
        keep = ((hit_lower | hit_upper) & (last >= 0)).all(axis=0)
        self.pixels = pixels[keep].astype(np.int64)
        self.origins = np.where(take_upper, upper, lower)[:, keep].astype(
            np.int64)

    def __len__(self) -> int:
        return self.pixels.size


def window_candidates(params: List[Dict],
                      window_size: int) -> Tuple[AxisCandidates, ...]:
    """Per source axis (x, y) candidates; their product is the candidate set
    of window centres (empty if either is empty)."""
    box = overlap_box(params) or (0, 0, 0, 0)
    maps = [(view_to_source_matrix(p), source_to_view_matrix(p),
             view_shape(p)) for p in params]
    x1, y1, x2, y2 = box
    return (AxisCandidates(maps, 0, window_size, x1, x2),
            AxisCandidates(maps, 1, window_size, y1, y2))


def sample_window_pairs(params: List[Dict],
                        num_windows: int,
                        window_size: int,
                        candidates: Optional[Tuple[AxisCandidates, ...]] = None
                        ) -> Tuple[np.ndarray, np.ndarray]:
    """Draw ``num_windows`` matched window pairs between two views.

    Args:
        params (List[Dict]): ``view_params`` of the two views.
        num_windows (int): Number of pairs P.
        window_size (int): Side of the square windows in view pixels.
        candidates (tuple, optional): Result of :func:`window_candidates`
            when already computed.

    Returns:
        tuple: ``windows`` float32 ``(P, 2, 4)`` with ``(x1, y1, x2, y2)``
        half-open in each view's pixels, and ``valid`` bool ``(P,)``. When the
        views share no candidate, every pair is invalid and holds the
        in-bounds dummy window ``(0, 0, window_size, window_size)``.
    """
    cand_x, cand_y = candidates or window_candidates(params, window_size)
    windows = np.zeros((num_windows, 2, 4), dtype=np.float32)
    windows[..., 2:] = window_size
    if len(cand_x) == 0 or len(cand_y) == 0:
        return windows, np.zeros(num_windows, dtype=bool)
    sampler = _PairSampler(cand_x, cand_y, window_size)
    for i in range(num_windows):
        ix, iy = sampler.draw()
        for v in range(2):
            origin = sampler.origin(ix, iy, v)
            windows[i, v] = origin + [o + window_size for o in origin]
    return windows, np.ones(num_windows, dtype=bool)


class _PairSampler:
    """Uniform draws among candidates whose view-1 centre lies outside every
    earlier view-1 window, i.e. whose view-1 origin differs from each earlier
    one by less than half a window on at most one axis.

    Rejection sampling is exact and usually succeeds at once (plain Python
    on a handful of numbers); when it keeps failing, the free set is computed
    and drawn from, and if it is empty any candidate may repeat.
    """

    def __init__(self, cand_x: AxisCandidates, cand_y: AxisCandidates,
                 window_size: int) -> None:
        self.cand_x, self.cand_y = cand_x, cand_y
        self.axes = list(zip(cand_x.view_axes, cand_y.view_axes))
        self.origins = list(
            zip([o.tolist() for o in cand_x.origins],
                [o.tolist() for o in cand_y.origins]))
        self.half = window_size / 2
        self.taken: List[List[int]] = []

    def origin(self, ix: int, iy: int, view: int) -> List[int]:
        """Window origin ``[x, y]`` in ``view`` of candidate ``(ix, iy)``."""
        (ax, ay), (ox, oy) = self.axes[view], self.origins[view]
        origin = [0, 0]
        origin[ax], origin[ay] = ox[ix], oy[iy]
        return origin

    def _is_free(self, origin: List[int]) -> bool:
        return not any(
            abs(x - origin[0]) < self.half and abs(y - origin[1]) < self.half
            for x, y in self.taken)

    def draw(self) -> Tuple[int, int]:
        nx, ny = len(self.cand_x), len(self.cand_y)
        for _ in range(_REJECTION_TRIES):
            ix, iy = np.random.randint(nx), np.random.randint(ny)
            if self._is_free(self.origin(ix, iy, 0)):
                break
        else:
            ix, iy = self._draw_exact()
        self.taken.append(self.origin(ix, iy, 0))
        return ix, iy

    def _draw_exact(self) -> Tuple[int, int]:
        # An earlier window excludes a product of two 1-D sets.
        taken = np.array(self.taken, dtype=np.int64).reshape(-1, 2)
        (ax, ay), (ox, oy) = self.axes[0], self.origins[0]
        near_x = np.abs(np.array(ox)[:, None] - taken[:, ax]) < self.half
        near_y = np.abs(np.array(oy)[:, None] - taken[:, ay]) < self.half
        excluded = (near_y[:, None, :] & near_x[None, :, :]).any(axis=2)
        free = np.flatnonzero(~excluded)
        nx, ny = len(self.cand_x), len(self.cand_y)
        if free.size == 0:
            return np.random.randint(nx), np.random.randint(ny)
        iy, ix = divmod(int(free[np.random.randint(free.size)]), nx)
        return ix, iy
