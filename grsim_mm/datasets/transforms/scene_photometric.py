"""Band-agnostic photometric augmentations of the RSISC views.

They replace torchvision's RGB-only ``ColorJitter``, ``RandomGrayscale``
and PIL's box blur so that the same views work on 3 and on 13 bands and on
any dtype. The value range (black and white levels) is the transform's
``value_range``, else the sample's ``results['value_range']`` (set by the
dataset), else the full range of integer dtypes and ``(0, 1)`` for floats;
one ``(low, high)`` pair or one pair per band.
"""
from typing import Dict, Optional, Sequence, Tuple

import cv2
import numpy as np
from mmcv.transforms import BaseTransform
from mmcv.transforms.utils import cache_randomness
from mmpretrain.registry import TRANSFORMS

from .image_ops import keep_channel_axis
from .image_ops import value_range_of


def band_levels(img: np.ndarray, value_range,
                results: Dict) -> Tuple[np.ndarray, np.ndarray]:
    """Per-band black and white levels ``(C,)`` of an HWC image."""
    bands = 1 if img.ndim == 2 else img.shape[2]
    value_range = (value_range if value_range is not None else
                   results.get('value_range'))
    if value_range is not None and not np.isscalar(value_range[0]):
        if len(value_range) != bands:
            raise ValueError(f'{len(value_range)} per-band value ranges for '
                             f'an image of {bands} bands')
        pairs = [value_range_of(img.dtype, r) for r in value_range]
    else:
        pairs = [value_range_of(img.dtype, value_range)] * bands
    lo, hi = np.asarray(pairs, dtype=np.float64).T
    return lo, hi


def to_dtype(values: np.ndarray, dtype: np.dtype, lo: np.ndarray,
             hi: np.ndarray) -> np.ndarray:
    """Clip to ``[lo, hi]`` per band, round for integer dtypes, cast."""
    values = np.clip(values, lo, hi)
    if np.issubdtype(dtype, np.integer):
        values = np.rint(values)
    return values.astype(dtype)


def _check_prob(prob: float) -> float:
    if not 0 <= prob <= 1:
        raise ValueError(f'prob must be in [0, 1], got {prob}')
    return prob


@TRANSFORMS.register_module()
class BandBrightnessContrast(BaseTransform):
    """With probability ``prob``, scale brightness and contrast of every
    band, as torchvision's ``ColorJitter`` does for one RGB image but with
    factors drawn per band (``per_band``) or once for all bands.

    Per band ``b``: brightness ``x' = lo + f_b * (x - lo)`` with
    ``f_b ~ U(1 - brightness, 1 + brightness)``, then contrast
    ``x'' = m_b + c_b * (x' - m_b)`` around the band mean ``m_b`` with
    ``c_b ~ U(1 - contrast, 1 + contrast)``; the result is clipped to the
    value range. This is RSISC's multispectral jitter (brightness and
    contrast 0.4 per band, probability 0.8).

    Required keys: ``img``. Modified keys: ``img``.

    Args:
        brightness: Half-width of the brightness factor range.
        contrast: Half-width of the contrast factor range.
        prob: Probability of jittering. Defaults to 0.8.
        per_band: Independent factors per band. Defaults to True.
        value_range: Black and white levels (see the module docstring).
    """

    def __init__(self,
                 brightness: float = 0.4,
                 contrast: float = 0.4,
                 prob: float = 0.8,
                 per_band: bool = True,
                 value_range: Optional[Sequence] = None) -> None:
        if not (0 <= brightness < 1 and 0 <= contrast < 1):
            raise ValueError('brightness and contrast must be in [0, 1)')
        self.brightness = brightness
        self.contrast = contrast
        self.prob = _check_prob(prob)
        self.per_band = per_band
        self.value_range = value_range

    @cache_randomness
    def _factors(self, bands: int) -> Optional[np.ndarray]:
        if np.random.rand() >= self.prob:
            return None
        n = bands if self.per_band else 1
        f = np.random.uniform(1 - self.brightness, 1 + self.brightness, n)
        c = np.random.uniform(1 - self.contrast, 1 + self.contrast, n)
        return np.broadcast_to(np.stack([f, c]), (2, bands))

    def transform(self, results: Dict) -> Dict:
        img = results['img']
        squeeze = img.ndim == 2
        work = img[..., None] if squeeze else img
        factors = self._factors(work.shape[2])
        if factors is None:
            return results
        lo, hi = band_levels(work, self.value_range, results)
        x = work.astype(np.float64)
        x = lo + factors[0] * (x - lo)
        mean = x.mean(axis=(0, 1))
        x = mean + factors[1] * (x - mean)
        out = to_dtype(x, img.dtype, lo, hi)
        results['img'] = out[..., 0] if squeeze else out
        return results

    def __repr__(self) -> str:
        return (f'{self.__class__.__name__}(brightness={self.brightness}, '
                f'contrast={self.contrast}, prob={self.prob}, '
                f'per_band={self.per_band}, value_range={self.value_range})')


@TRANSFORMS.register_module()
class RandomMeanGrey(BaseTransform):
    """With probability ``prob``, replace every band by the mean of all
    bands (RSISC's ``RandomGrayscale('mean')``, without its cast to uint8).

    Required keys: ``img``. Modified keys: ``img``.

    Args:
        prob: Probability of the conversion. Defaults to 0.2.
    """

    def __init__(self, prob: float = 0.2) -> None:
        self.prob = _check_prob(prob)

    @cache_randomness
    def _do(self) -> bool:
        return np.random.rand() < self.prob

    def transform(self, results: Dict) -> Dict:
        img = results['img']
        if img.ndim == 3 and self._do():
            results['img'] = band_mean_grey(img)
        return results

    def __repr__(self) -> str:
        return f'{self.__class__.__name__}(prob={self.prob})'


def band_mean_grey(img: np.ndarray,
                   weights: Optional[Sequence[float]] = None) -> np.ndarray:
    """The (weighted) mean of the bands, repeated into every band, in the
    image's dtype (rounded for integer dtypes)."""
    if weights is None:
        grey = img.mean(axis=2, dtype=np.float64)
    else:
        w = np.asarray(weights, dtype=np.float64)
        if w.shape != (img.shape[2], ):
            raise ValueError(f'{w.size} grey weights for an image of '
                             f'{img.shape[2]} bands')
        grey = img.astype(np.float64) @ (w / w.sum())
    if np.issubdtype(img.dtype, np.integer):
        grey = np.rint(grey)
    return np.repeat(grey.astype(img.dtype)[..., None], img.shape[2], axis=2)


@TRANSFORMS.register_module()
class MeanBlur(BaseTransform):
    """With probability ``prob``, a ``kernel_size`` box blur of every band
    (RSISC: 3 x 3, probability 0.5). Borders are reflected.

    Required keys: ``img``. Modified keys: ``img``.

    Args:
        kernel_size: Side of the box. Defaults to 3.
        prob: Probability of blurring. Defaults to 0.5.
    """

    def __init__(self, kernel_size: int = 3, prob: float = 0.5) -> None:
        if kernel_size < 1:
            raise ValueError(f'kernel_size must be >= 1, got {kernel_size}')
        self.kernel_size = kernel_size
        self.prob = _check_prob(prob)

    @cache_randomness
    def _do(self) -> bool:
        return np.random.rand() < self.prob

    def transform(self, results: Dict) -> Dict:
        if self._do():
            img = results['img']
            k = self.kernel_size
            results['img'] = keep_channel_axis(cv2.blur(img, (k, k)), img)
        return results

    def __repr__(self) -> str:
        return (f'{self.__class__.__name__}(kernel_size={self.kernel_size}, '
                f'prob={self.prob})')
