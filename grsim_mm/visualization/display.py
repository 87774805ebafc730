"""How a multispectral image is put on a screen.

A tile may have 13 uint16 bands of reflectance x 10000 or 4 float32 bands;
a screen has 8-bit red, green and blue. Three bands are shown: those named
red, green and blue when the band names say so (natural colour), else the
first three, or any triple given (false colour, e.g. NIR, red, green); an
image with fewer than three bands is shown in grey. Each band is stretched
on its own between two of its percentiles (2 % and 98 % by default, the
cumulative-count cut of GIS viewers), computed over valid pixels only, so
neither the dtype's range (a uint16 tile scaled by 65535 looks black), nor
nodata, nor a few saturated pixels decide the contrast.

The study figures, the overlays of ``tools/test.py --show-dir``, the
validation images and the analysis tools all go through :func:`display_rgb`.
"""
from typing import Optional, Sequence, Tuple

import numpy as np

from ..utils.stem_inflation import find_rgb_bands

#: Lower and upper percentile of the default per-band stretch.
DEFAULT_PERCENTILES = (2.0, 98.0)


def display_bands(num_bands: int,
                  band_names: Optional[Sequence[str]] = None,
                  rgb_bands: Optional[Sequence[int]] = None
                  ) -> Tuple[int, int, int]:
    """The 0-based bands shown as red, green and blue.

    Args:
        num_bands: Bands of the image.
        band_names: Names of those bands; red, green and blue (or R, G, B)
            among them give natural colour.
        rgb_bands: An explicit triple, e.g. ``(3, 0, 1)`` for NIR, R, G
            false colour; it wins over the names.

    Returns:
        Three indices; ``(0, 0, 0)`` (grey) for images of one or two bands.
    """
    if rgb_bands is not None:
        bands = tuple(int(b) for b in rgb_bands)
        bad = [b for b in bands if not 0 <= b < num_bands]
        if len(bands) != 3 or bad:
            raise ValueError(
                f'rgb_bands {tuple(rgb_bands)} must be three 0-based band '
                f'indices of an image with {num_bands} bands')
        return bands
    if band_names is not None and len(band_names) != num_bands:
        raise ValueError(f'{len(band_names)} band_names {list(band_names)} '
                         f'for an image with {num_bands} bands')
    if num_bands < 3:
        return (0, 0, 0)
    named = find_rgb_bands(band_names) if band_names is not None else None
    return named if named is not None else (0, 1, 2)


def stretch_band(band: np.ndarray,
                 percentiles: Sequence[float] = DEFAULT_PERCENTILES,
                 valid: Optional[np.ndarray] = None,
                 blank_invalid: bool = True) -> np.ndarray:
    """uint8 of one band, its ``percentiles`` mapped to 0 and 255.

    Percentiles are taken over the pixels that are ``valid`` and finite;
    the others are shown black, or, with ``blank_invalid=False``, stretched
    like the rest (a mask that only says which pixels set the contrast).
    Non-finite pixels are always black. A band that is constant over the
    valid pixels is black at that value and white above it.
    """
    lo_p, hi_p = (float(p) for p in percentiles)
    if not 0 <= lo_p < hi_p <= 100:
        raise ValueError(f'percentiles {tuple(percentiles)} must be two '
                         'increasing values in [0, 100]')
    values = band.astype(np.float64)
    keep = np.isfinite(values)
    if valid is not None:
        keep &= valid
    out = np.zeros(band.shape, dtype=np.uint8)
    if not keep.any():
        return out
    lo, hi = np.percentile(values[keep], (lo_p, hi_p))
    if not blank_invalid:
        keep = np.isfinite(values)
    if hi > lo:
        scaled = np.round((values[keep] - lo) * (255.0 / (hi - lo)))
    else:
        scaled = np.where(values[keep] > lo, 255.0, 0.0)
    out[keep] = np.clip(scaled, 0, 255).astype(np.uint8)
    return out


def display_rgb(img: np.ndarray,
                band_names: Optional[Sequence[str]] = None,
                rgb_bands: Optional[Sequence[int]] = None,
                percentiles: Sequence[float] = DEFAULT_PERCENTILES,
                valid: Optional[np.ndarray] = None,
                blank_invalid: bool = True) -> np.ndarray:
    """uint8 ``(H, W, 3)`` RGB of an ``(H, W, C)`` (or ``(H, W)``) image of
    any band count and dtype: the bands of :func:`display_bands`, each
    stretched by :func:`stretch_band`.

    Args:
        img: Image, bands last, in its native dtype.
        band_names, rgb_bands: Choose the bands, see :func:`display_bands`.
        percentiles: Lower and upper percentile of the stretch.
        valid: Optional ``(H, W)`` mask of the pixels that hold data.
        blank_invalid: Draw the pixels outside ``valid`` black (else they
            are stretched too, ``valid`` only setting the contrast).
    """
    if img.ndim == 2:
        img = img[..., None]
    if img.ndim != 3:
        raise ValueError(f'expected an (H, W, C) image, got shape '
                         f'{img.shape}')
    if valid is not None and valid.shape != img.shape[:2]:
        raise ValueError(f'valid mask of shape {valid.shape} for an image '
                         f'of {img.shape[:2]} pixels')
    bands = display_bands(img.shape[2], band_names, rgb_bands)
    stretched = {b: stretch_band(img[..., b], percentiles, valid,
                                 blank_invalid) for b in set(bands)}
    return np.stack([stretched[b] for b in bands], axis=-1)
