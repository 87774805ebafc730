"""Synthetic scene-classification demo dataset.

Lets the scene line (pretext pretraining, linear probe, fine-tuning,
evaluation) run end to end in minutes on a CPU, without downloading data.

What it writes (defaults): 6 classes x 50 images of 32 x 32 px under
``images/<class>/``, and the lists of ``tools/make_scene_splits.py`` under
``splits/seed{seed}/`` (60 % of each class for training, 5 images a class
for model selection, labelled subsets of 5 and 20 images per class and of
10 %, the unlabelled ``pretrain`` list and its 10, 25 and 50 % subsets),
for the seed and the two seeds after it, so that a study over three seeds
finds its labelled subsets. Two variants:

- ``'ms'``: 13-band uint16 GeoTIFF, Sentinel-2 top-of-atmosphere
  reflectance x 10000 in the band order of EuroSAT's all-bands release
  (B01 ... B12, B8A), like ``eurosat-ms``;
- ``'rgb'``: 3-band uint8 JPEG of B04, B03, B02 (reflectance 0 .. 0.3 mapped
  to 0 .. 255), like the RGB scene datasets.

Classes differ both in spectral signature and in texture, and neither alone
is a perfect cue: cropland and grassland share vegetation spectra but not
their texture (stripes vs. smooth), urban and bare soil overlap in the
visible bands but not in texture or SWIR. Every image has its own
brightness, a per-band gain, a random texture phase and orientation, and
sensor noise. Everything follows one seed.
"""
import os
import os.path as osp
from typing import Callable, Dict, List, Tuple

import cv2
import numpy as np

from .raster_io import write_raster
from .scene_splits import make_scene_splits, write_scene_splits

# Centre wavelengths (nm) of the 13 Sentinel-2 bands, in EuroSAT file order.
S2_WAVELENGTHS = np.array([443, 490, 560, 665, 705, 740, 783, 842, 945, 1375,
                           1610, 2190, 865], np.float64)
S2_BANDS = ('B01', 'B02', 'B03', 'B04', 'B05', 'B06', 'B07', 'B08', 'B09',
            'B10', 'B11', 'B12', 'B8A')
RGB_BANDS = (3, 2, 1)
# Reflectance of the RGB variant's white level.
RGB_WHITE = 0.3

# Reflectance curves as (wavelength, reflectance) knots.
_CURVES = {
    'vegetation': [(443, .03), (490, .04), (560, .08), (665, .04),
                   (705, .12), (740, .28), (783, .38), (842, .42), (945, .40),
                   (1610, .24), (2190, .12)],
    'dark_vegetation': [(443, .02), (490, .025), (560, .05), (665, .025),
                        (705, .08), (740, .20), (783, .27), (842, .30),
                        (945, .28), (1610, .15), (2190, .07)],
    'dry_grass': [(443, .05), (490, .06), (560, .10), (665, .09), (705, .15),
                  (740, .24), (783, .30), (842, .32), (945, .31),
                  (1610, .30), (2190, .20)],
    'soil': [(443, .08), (490, .10), (560, .14), (665, .19), (705, .21),
             (740, .23), (783, .25), (842, .27), (945, .28), (1610, .36),
             (2190, .32)],
    'water': [(443, .09), (490, .08), (560, .06), (665, .03), (705, .02),
              (740, .015), (783, .012), (842, .01), (945, .005),
              (1610, .003), (2190, .002)],
    'roof': [(443, .16), (490, .17), (560, .18), (665, .20), (705, .21),
             (740, .22), (783, .23), (842, .24), (945, .24), (1610, .28),
             (2190, .25)],
    'road': [(443, .10), (490, .11), (560, .12), (665, .13), (705, .13),
             (740, .14), (783, .14), (842, .15), (945, .15), (1610, .17),
             (2190, .16)],
}


def _spectrum(name: str) -> np.ndarray:
    """Reflectance at the 13 bands; B10 (cirrus) sees almost nothing."""
    wl, refl = zip(*_CURVES[name])
    out = np.interp(S2_WAVELENGTHS, wl, refl)
    out[9] = 0.003 + 0.01 * out[9]
    return out


def _smooth(rng: np.random.Generator, size: int, scale: float) -> np.ndarray:
    """Smooth noise in [0, 1] with features of about ``scale`` px."""
    coarse = max(2, int(round(size / scale)))
    field = rng.random((coarse, coarse)).astype(np.float32)
    field = cv2.resize(field, (size, size), interpolation=cv2.INTER_CUBIC)
    field -= field.min()
    return field / max(float(field.max()), 1e-6)


def _stripes(rng, size):
    yy, xx = np.mgrid[0:size, 0:size].astype(np.float32)
    angle = rng.uniform(0, np.pi)
    period = rng.uniform(4, 8)
    phase = rng.uniform(0, 2 * np.pi)
    wave = np.sin(2 * np.pi * (xx * np.cos(angle) + yy * np.sin(angle)) /
                  period + phase)
    return (wave > 0).astype(np.float32) * 0.8 + 0.1 * _smooth(rng, size, 8)


def _crowns(rng, size):
    field = _smooth(rng, size, 3)
    return np.clip((field - 0.45) * 4, 0, 1)


def _gentle(rng, size):
    return 0.3 * _smooth(rng, size, 16)


def _blocks(rng, size):
    out = np.zeros((size, size), np.float32)
    step = int(rng.integers(6, 10))
    off = rng.integers(0, step, 2)
    for y in range(-step, size, step):
        for x in range(-step, size, step):
            y0, x0 = y + off[0] + 1, x + off[1] + 1
            out[max(y0, 0):max(y0 + step - 2, 0),
                max(x0, 0):max(x0 + step - 2, 0)] = rng.uniform(0.6, 1.0)
    return out


def _grain(rng, size):
    return rng.random((size, size)).astype(np.float32) * 0.6


# class -> (base spectrum, second spectrum, texture weight of the second)
CLASSES: Dict[str, Tuple[str, str, Callable]] = {
    'bare_soil': ('soil', 'dry_grass', _grain),
    'cropland': ('soil', 'vegetation', _stripes),
    'forest': ('vegetation', 'dark_vegetation', _crowns),
    'grassland': ('vegetation', 'dry_grass', _gentle),
    'urban': ('road', 'roof', _blocks),
    'water': ('water', 'soil', lambda rng, size: 0.1 * _smooth(rng, size,
                                                             12)),
}


def synthesize_scene(rng: np.random.Generator, name: str,
                     size: int) -> np.ndarray:
    """Reflectance image ``(size, size, 13)`` float32 of class ``name``."""
    base, second, texture = CLASSES[name]
    weight = texture(rng, size)[..., None]
    img = ((1 - weight) * _spectrum(base) + weight * _spectrum(second))
    img = img * rng.uniform(0.75, 1.25) * rng.uniform(0.92, 1.08, 13)
    img += rng.normal(0, 0.006, img.shape)
    return np.clip(img, 0, 1).astype(np.float32)


def make_scene_demo_dataset(out_dir: str,
                            variant: str = 'ms',
                            per_class: int = 50,
                            size: int = 32,
                            seed: int = 0) -> Dict[str, List]:
    """Write the demo dataset to ``out_dir`` and the lists of seeds
    ``seed``, ``seed + 1`` and ``seed + 2`` (same test and selection lists,
    other labelled subsets).

    Returns:
        The lists of seed ``seed``, name -> ``(path, label)`` pairs.
    """
    if variant not in ('ms', 'rgb'):
        raise ValueError(f"variant must be 'ms' or 'rgb', got {variant!r}")
    rng = np.random.default_rng(seed)
    files: Dict[str, List[str]] = {}
    ext = '.tif' if variant == 'ms' else '.jpg'
    for name in CLASSES:
        os.makedirs(osp.join(out_dir, 'images', name), exist_ok=True)
        files[name] = []
        for i in range(per_class):
            refl = synthesize_scene(rng, name, size)
            rel = osp.join(name, f'{name}_{i:03d}{ext}')
            path = osp.join(out_dir, 'images', rel)
            if variant == 'ms':
                write_raster(path,
                             np.rint(refl * 10000).astype(np.uint16).transpose(
                                 2, 0, 1),
                             interleave='pixel',
                             compress='deflate',
                             predictor=2)
            else:
                rgb = np.clip(refl[..., RGB_BANDS] / RGB_WHITE * 255, 0, 255)
                write_raster(path,
                             np.rint(rgb).astype(np.uint8).transpose(2, 0, 1),
                             driver='JPEG',
                             quality=95)
            files[name].append(rel)
    for list_seed in range(seed, seed + 3):
        lists = make_scene_splits(files, train_ratio=0.6, shots=(5, 20),
                                  percents=(10, ), selection=5,
                                  seed=list_seed)
        write_scene_splits(
            osp.join(out_dir, 'splits', f'seed{list_seed}'), lists,
            tuple(CLASSES),
            dict(mode='seeded', seed=list_seed, split_seed=0,
                 train_ratio=0.6, selection=5, image_folder='images'))
        if list_seed == seed:
            first = lists
    return first
