"""Draw windows from large scenes so that the classes of a guide raster
(e.g. a land-cover map) are balanced: the data-guided sampling of G-RSIM."""
from typing import Dict, List, Mapping, Optional, Sequence, Tuple

import numpy as np
from mmengine.logging import print_log
from rasterio.transform import Affine

from .raster_io import raster_info, read_on_grid


def box_counts(onehot: np.ndarray, k: int) -> np.ndarray:
    """Sums of every ``k`` x ``k`` box of ``(..., h, w)`` arrays, indexed by
    the box's top-left cell: ``(..., h - k + 1, w - k + 1)``."""
    c = np.cumsum(np.cumsum(onehot, -2, dtype=np.int32), -1, dtype=np.int32)
    c = np.pad(c, [(0, 0)] * (c.ndim - 2) + [(1, 0), (1, 0)])
    return c[..., k:, k:] - c[..., :-k, k:] - c[...,
                                                k:, :-k] + c[..., :-k, :-k]


class GeoBalancedSampler:
    """Class-balanced window positions over a set of scenes.

    Each scene's guide is resampled once, with rasterio, onto a coarse grid
    of the scene (``cell_size`` scene pixels a cell; the class of a cell is
    the guide's most frequent class in it): warped onto the scene's
    georeferenced grid when both are georeferenced, else stretched over the
    scene (a guide without georeference is taken as pixel-aligned with the
    scene). Every ``k`` x ``k`` block of cells that a window covers is a
    candidate window, labelled with its majority class (box sums over
    cumulative counts, no per-pixel loop); blocks with less than
    ``min_valid`` of their cells valid in the guide, or with two classes
    tied for the majority, are dropped. A draw picks a class with
    probability proportional to its weight, then a uniform candidate of that
    class over all scenes, then a uniform offset of at most half a cell
    either way, so windows are not tied to the grid.
    Classes are therefore balanced at the resolution of the coarse grid.

    Args:
        scenes: Scene rasters.
        guides: One guide raster per scene (the same file may serve all).
        window_size: Side of the square windows, in scene pixels.
        cell_size: Side of a coarse cell in scene pixels; None takes an
            eighth of the window.
        class_weights: ``{guide value: weight}``; None weighs every class
            found in the guides equally. Classes not listed are not drawn.
        ignore_values: Guide values that are not a class (besides the
            guide's nodata), e.g. unclassified.
        min_valid: Least fraction of valid guide cells in a window.
    """

    def __init__(self,
                 scenes: Sequence[str],
                 guides: Sequence[str],
                 window_size: int,
                 cell_size: Optional[int] = None,
                 class_weights: Optional[Mapping[int, float]] = None,
                 ignore_values: Sequence[int] = (),
                 min_valid: float = 0.5) -> None:
        if len(scenes) != len(guides) or not scenes:
            raise ValueError('give one guide per scene and at least one '
                             f'scene, got {len(scenes)} scenes and '
                             f'{len(guides)} guides')
        self.window_size = window_size
        self.cell_size = cell_size or max(1, window_size // 8)
        self.scenes = list(scenes)
        self.scene_shapes: List[Tuple[int, int]] = []
        self.cell_shapes: List[Tuple[float, float]] = []
        per_scene = [
            self._scene_candidates(s, g, ignore_values, min_valid)
            for s, g in zip(scenes, guides)
        ]
        found = sorted({int(c) for cands in per_scene for c in cands})
        self.class_counts: Dict[int, int] = {
            c: sum(len(cands.get(c, ())) for cands in per_scene)
            for c in found
        }
        weights = ({
            c: 1.0
            for c in found
        } if class_weights is None else {
            int(c): float(w)
            for c, w in class_weights.items()
        })
        absent = [c for c, w in weights.items() if w > 0 and c not in found]
        if absent:
            print_log(
                f'GeoBalancedSampler: classes {absent} have weights '
                'but no window of the scenes is mostly of them; they '
                'are not drawn',
                logger='current',
                level=30)
        self.classes = [c for c in found if weights.get(c, 0) > 0]
        if not self.classes:
            raise ValueError(
                f'No window of the scenes has a majority class with a '
                f'positive weight: classes found {found}, weights '
                f'{weights}; check the guide, ignore_values and min_valid')
        p = np.array([weights[c] for c in self.classes], np.float64)
        self.class_probs = p / p.sum()
        # candidates of each class as rows (scene, cell row, cell col)
        self.candidates = [
            np.concatenate([
                np.column_stack([np.full(len(cands[c]), s), cands[c]])
                for s, cands in enumerate(per_scene) if c in cands
            ]).astype(np.int32) for c in self.classes
        ]

    def _scene_candidates(self, scene: str, guide: str,
                          ignore_values: Sequence[int],
                          min_valid: float) -> Dict[int, np.ndarray]:
        grid = raster_info(scene)
        height, width = grid['height'], grid['width']
        if min(height, width) < self.window_size:
            raise ValueError(f'{scene}: scene of {width}x{height} px is '
                             f'smaller than the {self.window_size} px window')
        rows = max(1, height // self.cell_size)
        cols = max(1, width // self.cell_size)
        cell_h, cell_w = height / rows, width / cols
        self.scene_shapes.append((height, width))
        self.cell_shapes.append((cell_h, cell_w))
        # a guide without georeference is taken as pixel-aligned with the
        # scene and stretched over it
        georeferenced = (grid['crs'] is not None
                         and raster_info(guide)['crs'] is not None)
        transform = (grid['transform'] @ Affine.scale(cell_w, cell_h)
                     if georeferenced else None)
        classes, meta = read_on_grid(guide,
                                     rows,
                                     cols,
                                     grid['crs'] if georeferenced else None,
                                     transform,
                                     resampling='mode')
        invalid = np.isin(classes, list(ignore_values))
        if meta['nodata'] is not None:
            invalid |= classes == meta['nodata']
        k = max(1, min(rows, cols, round(self.window_size / cell_h)))
        values = np.unique(classes[~invalid])
        if not len(values):  # no valid guide cell under this scene
            return {}
        onehot = np.stack([(classes == v) & ~invalid for v in values])
        counts = box_counts(onehot, k)
        top2 = np.sort(counts, 0)[-2:] if len(values) > 1 else None
        valid = counts.sum(0) >= min_valid * k * k
        if top2 is not None:  # a tie has no majority class
            valid &= top2[1] > top2[0]
        majority = np.argmax(counts, 0)
        out = {}
        for i, v in enumerate(values):
            cells = np.argwhere(valid & (majority == i))
            if len(cells):
                out[int(v)] = cells
        return out

    def draw(self, num: int, rng=np.random) -> Dict[str, np.ndarray]:
        """Draw ``num`` windows with ``rng`` (numpy's global generator by
        default, as the pipeline's random transforms).

        Returns:
            Arrays ``scene`` (index into ``scenes``), ``x``, ``y`` (window
            top-left, scene pixels) and ``cls`` (the guide class).
        """
        which = rng.choice(len(self.classes), size=num, p=self.class_probs)
        picked = np.empty((num, 3), np.int64)
        for c in np.unique(which):
            rows = np.flatnonzero(which == c)
            cands = self.candidates[c]
            picked[rows] = cands[rng.randint(len(cands), size=len(rows))]
        shapes = np.array(self.scene_shapes)[picked[:, 0]]
        cells = np.array(self.cell_shapes)[picked[:, 0]]
        jitter = rng.random_sample((num, 2)) - 0.5
        y = np.floor((picked[:, 1] + jitter[:, 0]) * cells[:, 0])
        x = np.floor((picked[:, 2] + jitter[:, 1]) * cells[:, 1])
        size = self.window_size
        y = np.clip(y.astype(np.int64), 0, shapes[:, 0] - size)
        x = np.clip(x.astype(np.int64), 0, shapes[:, 1] - size)
        return dict(scene=picked[:, 0],
                    x=x,
                    y=y,
                    cls=np.asarray(self.classes)[which])

    def summary(self) -> str:
        """Candidate windows and draw probability of each class."""
        lines = [f'{"class":>8}{"windows":>12}{"p(draw)":>10}']
        probs = dict(zip(self.classes, self.class_probs))
        for c, n in self.class_counts.items():
            lines.append(f'{c:>8}{n:>12}{probs.get(c, 0.0):>10.3f}')
        return '\n'.join(lines)
