"""Synthetic demo dataset in the reference layout.

The demo data lets every pipeline (pretraining, fine-tuning, evaluation,
inference) run end to end in minutes on a CPU without downloading anything,
and gives the tests a dataset they can generate on the fly.

What it contains (defaults):

- ``10`` training and ``2`` validation scenes of ``768 x 768`` px, cut into
  non-overlapping ``128 x 128`` tiles (36 a scene, numbered ``k = 1..36``
  row-major): 360 training and 72 validation tiles, about 10 MB in all.
- 4-band uint8 images, bands R, G, B, NIR, pixel-interleaved TIFF without
  georeference (like the ISPRS tiles of the reference), in
  ``train_RGBIR/`` and ``val_RGBIR/``.
- Colour-coded 3-band labels in ``train_lbl/`` and ``val_lbl/``, decoded
  with ``class_dict.txt`` (the ``demo`` preset): impervious surfaces
  (roads), building, low vegetation, tree, water.
- Lists ``train``, ``trainR1``, ``trainR5``, ``trainR10``, ``trainSel``
  (training scenes) and ``val`` (validation scenes), written with the same
  stratified, nested logic as ``tools/make_splits.py``. On 360 tiles 1%
  would be 4 tiles, too few to fine-tune on, so every fraction list has at
  least ``min_tiles`` (16) tiles: trainR1 = 16, trainR5 = 18,
  trainR10 = 36, trainSel = 36 tiles.

Scene content has spatial structure a network can learn: a straight road
grid (grey, mid NIR), rectangular buildings with one of a few roof colours,
round tree crowns in clusters (dark green, very bright NIR), grass as the
background (green, bright NIR) and a river or a lake (dark blue, near-zero
NIR). Every class has its own smooth texture, every scene its own
brightness, and all pixels a little noise. Everything follows one seed.
"""
import os
import os.path as osp
from typing import Dict, List, Sequence, Tuple

import cv2
import numpy as np

from .presets import get_preset, write_class_dict
from .raster_io import write_raster
from .splits import make_splits, write_lists

IMPERVIOUS, BUILDING, LOW_VEGETATION, TREE, WATER = range(5)

# Mean R, G, B, NIR of each class; buildings pick one roof colour each.
_CLASS_SPECTRA = {
    IMPERVIOUS: (128, 128, 132, 95),
    LOW_VEGETATION: (100, 150, 72, 190),
    TREE: (48, 98, 42, 228),
    WATER: (36, 66, 104, 18),
}
_ROOF_SPECTRA = ((172, 88, 70, 118), (152, 152, 160, 128),
                 (112, 100, 96, 104))
# Standard deviation of the per-pixel sensor noise, in grey levels; kept low
# because white noise is what makes the compressed tiles large.
_PIXEL_NOISE = 0.5
# Amplitude of the smooth per-class texture.
_TEXTURE = {
    IMPERVIOUS: 6,
    BUILDING: 5,
    LOW_VEGETATION: 14,
    TREE: 22,
    WATER: 4
}


def _smooth_noise(rng: np.random.Generator, size: int,
                  cells: int) -> np.ndarray:
    """Noise in about [-1, 1] that varies over ``size / cells`` pixels."""
    coarse = rng.uniform(-1, 1, (cells + 1, cells + 1)).astype(np.float32)
    return cv2.resize(coarse, (size, size), interpolation=cv2.INTER_CUBIC)


def _draw_water(rng: np.random.Generator, label: np.ndarray) -> None:
    size = label.shape[0]
    yy, xx = np.mgrid[0:size, 0:size]
    if rng.random() < 0.6:  # a meandering river across the scene
        centre = rng.uniform(0.2, 0.8) * size
        amplitude = rng.uniform(0.03, 0.12) * size
        period = rng.uniform(0.6, 1.5) * size
        phase = rng.uniform(0, 2 * np.pi)
        width = rng.uniform(24, 48)
        along, across = (xx, yy) if rng.random() < 0.5 else (yy, xx)
        mid = centre + amplitude * np.sin(2 * np.pi * along / period + phase)
        label[np.abs(across - mid) < width / 2] = WATER
    else:  # a lake with a wobbly shore
        cy, cx = rng.uniform(0.2, 0.8, 2) * size
        radius = rng.uniform(0.1, 0.2) * size
        shore = radius * (1 + 0.25 * _smooth_noise(rng, size, 4))
        label[np.hypot(yy - cy, xx - cx) < shore] = WATER


def _draw_roads(rng: np.random.Generator, label: np.ndarray) -> None:
    size = label.shape[0]
    for axis in (0, 1):
        for _ in range(rng.integers(2, 4)):
            pos = int(rng.uniform(0.05, 0.95) * size)
            half = int(rng.integers(5, 10))
            lo, hi = max(0, pos - half), pos + half
            if axis == 0:
                label[lo:hi, :] = IMPERVIOUS
            else:
                label[:, lo:hi] = IMPERVIOUS


def _draw_buildings(rng: np.random.Generator, label: np.ndarray,
                    roofs: np.ndarray) -> None:
    """Rectangles on free grass, each with a roof colour index in
    ``roofs``."""
    size = label.shape[0]
    placed = 0
    for _ in range(400):
        if placed >= 40:
            break
        h, w = rng.integers(14, 56, 2)
        y, x = rng.integers(0, size - h), rng.integers(0, size - w)
        # keep a 3-px grass margin so buildings never touch roads or water
        area = label[max(0, y - 3):y + h + 3, max(0, x - 3):x + w + 3]
        if (area != LOW_VEGETATION).any():
            continue
        label[y:y + h, x:x + w] = BUILDING
        roofs[y:y + h, x:x + w] = rng.integers(len(_ROOF_SPECTRA))
        placed += 1


def _draw_trees(rng: np.random.Generator, label: np.ndarray) -> None:
    size = label.shape[0]
    crowns = np.zeros(label.shape, bool)
    for _ in range(rng.integers(12, 24)):
        cy, cx = rng.uniform(0, size, 2)
        for _ in range(rng.integers(2, 9)):
            ty, tx = rng.normal((cy, cx), 14)
            radius = rng.uniform(4, 11)
            # draw inside the crown's bounding box only
            y0, x0 = max(0, int(ty - radius)), max(0, int(tx - radius))
            y1 = min(size, int(ty + radius) + 2)
            x1 = min(size, int(tx + radius) + 2)
            if y0 >= y1 or x0 >= x1:
                continue
            yy, xx = np.ogrid[y0:y1, x0:x1]
            crowns[y0:y1, x0:x1] |= (yy - ty)**2 + (xx - tx)**2 < radius**2
    label[crowns & (label == LOW_VEGETATION)] = TREE


def synthesize_scene(rng: np.random.Generator,
                     size: int) -> Tuple[np.ndarray, np.ndarray]:
    """One ``size x size`` scene: a ``(H, W, 4)`` uint8 image and its
    ``(H, W)`` uint8 class map."""
    label = np.full((size, size), LOW_VEGETATION, np.uint8)
    roofs = np.zeros((size, size), np.uint8)
    _draw_water(rng, label)
    _draw_roads(rng, label)
    _draw_buildings(rng, label, roofs)
    _draw_trees(rng, label)

    # look-up of the mean spectrum: rows 0..4 by class (the building row is
    # unused), then one row per roof colour
    table = np.zeros((5 + len(_ROOF_SPECTRA), 4), np.float32)
    for cls, mean in _CLASS_SPECTRA.items():
        table[cls] = mean
    table[5:] = _ROOF_SPECTRA
    looks = label.copy()
    is_building = label == BUILDING
    looks[is_building] = 5 + roofs[is_building]
    fields = np.stack([
        _TEXTURE[cls] *
        _smooth_noise(rng, size, size // (6 if cls == TREE else 24))
        for cls in range(5)
    ])
    texture = np.take_along_axis(fields, label[None].astype(np.intp), 0)[0]
    brightness = rng.uniform(0.85, 1.15)
    img = (table[looks] + texture[..., None]) * brightness
    img += _PIXEL_NOISE * rng.standard_normal(img.shape, np.float32)
    return np.clip(np.rint(img), 0, 255).astype(np.uint8), label


def _write_tif(path: str, array: np.ndarray) -> None:
    """Pixel-interleaved, compressed TIFF without georeference, from an
    ``(H, W, C)`` array."""
    write_raster(path, array.transpose(2, 0, 1), interleave='pixel',
                 compress='deflate', predictor=2)


def _write_scene_tiles(out_dir: str, folder: str, scene: str,
                       img: np.ndarray, colour_label: np.ndarray,
                       tile_size: int, dtype: str) -> List[str]:
    names = []
    grid = img.shape[0] // tile_size
    for row in range(grid):
        for col in range(grid):
            k = row * grid + col + 1
            name = f'{scene}_{dtype}__{k}.tif'
            ys = slice(row * tile_size, (row + 1) * tile_size)
            xs = slice(col * tile_size, (col + 1) * tile_size)
            _write_tif(osp.join(out_dir, f'{folder}_{dtype}', name),
                       img[ys, xs])
            _write_tif(osp.join(out_dir, f'{folder}_lbl', name),
                       colour_label[ys, xs])
            names.append(name)
    return names


def make_demo_dataset(out_dir: str,
                      num_train_scenes: int = 10,
                      num_val_scenes: int = 2,
                      scene_size: int = 768,
                      tile_size: int = 128,
                      seed: int = 0,
                      percents: Sequence[float] = (1, 5, 10),
                      sel_percent: float = 10,
                      min_tiles: int = 16,
                      dtype: str = 'RGBIR') -> Dict[str, List[str]]:
    """Write the demo dataset to ``out_dir`` (reference layout).

    Args:
        out_dir: Dataset root; created if needed.
        num_train_scenes: Scenes cut into training tiles.
        num_val_scenes: Scenes cut into validation (test) tiles.
        scene_size: Side of a scene in pixels, a multiple of ``tile_size``.
        tile_size: Side of a tile in pixels.
        seed: Seed of the scenes and of the splits.
        percents: Label fractions of the ``trainR{p}`` lists.
        sel_percent: Size of ``trainSel`` in percent of the training tiles.
        min_tiles: Smallest size of a fraction list.
        dtype: Image folder/list suffix.

    Returns:
        Split name -> tile names, for every list written.
    """
    if scene_size % tile_size:
        raise ValueError(f'scene_size {scene_size} is not a multiple of '
                         f'tile_size {tile_size}')
    for folder in (f'train_{dtype}', 'train_lbl', f'val_{dtype}', 'val_lbl'):
        os.makedirs(osp.join(out_dir, folder), exist_ok=True)
    preset = get_preset('demo')
    palette = np.asarray(preset['palette'], np.uint8)
    write_class_dict(
        osp.join(out_dir, 'class_dict.txt'), preset['classes'],
        preset['palette'])

    rng = np.random.default_rng(seed)
    tiles: Dict[str, List[str]] = {'train': [], 'val': []}
    for i in range(num_train_scenes + num_val_scenes):
        folder = 'train' if i < num_train_scenes else 'val'
        img, label = synthesize_scene(rng, scene_size)
        tiles[folder] += _write_scene_tiles(out_dir, folder,
                                            f'demo_s{i + 1:02d}', img,
                                            palette[label], tile_size, dtype)
    splits = make_splits(
        tiles['train'],
        tiles['val'],
        percents=percents,
        sel_percent=sel_percent,
        seed=seed,
        min_count=min_tiles)
    splits['val'] = sorted(tiles['val'])
    write_lists(out_dir, splits, dtype)
    return splits
