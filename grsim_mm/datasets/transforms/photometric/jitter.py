"""Brightness and contrast jitter of every band, for any band count.

Colour jitter in mmcv and torchvision assumes 3-band 8-bit RGB (HSV
jitter, luminance). Remote-sensing tiles have any number of bands and any
dtype, so these transforms treat every band alike on the native dtype:

- ``SpectralJitter``: per band, a brightness blend toward white or black, a
  contrast scaling and salt noise, as the GLCNet reference does for the
  bands beyond RGB, extended to every band;
- ``BandBrightnessContrast``: torchvision's ``ColorJitter`` brightness and
  contrast with factors per band (RSISC's multispectral jitter).

White and black are the ends of the data's value range, resolved by
:func:`~..image_ops.resolve_value_range`: the transform's ``value_range``,
else ``results['value_range']`` (the datasets fill it from the dataset
setting, so it is stated once), else 0..255 for 8-bit images, else an error.
"""
from typing import Dict, Optional, Sequence, Tuple

import numpy as np
from mmcv.transforms import BaseTransform
from mmcv.transforms.utils import cache_randomness
from mmpretrain.registry import TRANSFORMS as PRETRAIN_TRANSFORMS
from mmseg.registry import TRANSFORMS as SEG_TRANSFORMS

from ..image_ops import (ValueRange, affine_bands, band_index,
                         brightness_contrast_params, check_probability,
                         resolve_value_range, salt_noise, value_range_of)


@SEG_TRANSFORMS.register_module()
@PRETRAIN_TRANSFORMS.register_module()
class SpectralJitter(BaseTransform):
    """Per-band brightness, contrast and salt-noise jitter for any band count.

    With probability ``prob``, each selected band ``b`` gets a brightness
    factor ``f_b ~ U(1 - brightness, 1 + brightness)`` (a blend toward white
    or black, see :func:`brightness_contrast_params`), a contrast factor
    ``c_b ~ U(1 - contrast, 1 + contrast)``, and then salt noise: each value
    is replaced by a uniform random level with probability ``salt_prob``.
    The defaults are the reference's pretraining jitter; its fine-tuning
    jitter is ``brightness=0.01, contrast=0.01, bands=[3], prob=1``.

    Required keys: ``img``. Optional: ``value_range``. Modified keys:
    ``img``.

    Args:
        prob (float): Probability of jittering the image. Defaults to 0.8.
        brightness (float): Half-width of the brightness factor range.
            Defaults to 0.1.
        contrast (float): Half-width of the contrast factor range.
            Defaults to 0.1.
        salt_prob (float): Per-value salt-noise probability. Defaults to
            0.001.
        value_range (Sequence, optional): Black and white levels,
            ``(low, high)`` or one pair per band; None takes
            ``results['value_range']`` (see the module docstring).
            Defaults to None.
        bands (Sequence[int], optional): 0-based bands to jitter; all when
            None. Defaults to None.
    """

    def __init__(self,
                 prob: float = 0.8,
                 brightness: float = 0.1,
                 contrast: float = 0.1,
                 salt_prob: float = 0.001,
                 value_range: Optional[ValueRange] = None,
                 bands: Optional[Sequence[int]] = None) -> None:
        self.prob = check_probability(prob)
        self.brightness = brightness
        self.contrast = contrast
        self.salt_prob = check_probability(salt_prob, 'salt_prob')
        if value_range is not None:
            value_range_of(np.float64, value_range)  # fail at build time
            value_range = tuple(value_range)
        self.value_range = value_range
        self.bands = None if bands is None else list(bands)

    @cache_randomness
    def _random_factors(self, num_bands: int
                        ) -> Optional[Tuple[np.ndarray, np.ndarray]]:
        if np.random.rand() >= self.prob:
            return None
        brightness = np.random.uniform(1 - self.brightness,
                                       1 + self.brightness, num_bands)
        contrast = np.random.uniform(1 - self.contrast, 1 + self.contrast,
                                     num_bands)
        return brightness, contrast

    def transform(self, results: Dict) -> Dict:
        img = results['img']
        num_bands = 1 if img.ndim == 2 else img.shape[2]
        index = band_index(num_bands, self.bands)
        factors = self._random_factors(index.size)
        if factors is None:
            return results
        value_range = resolve_value_range(img, self.value_range, results,
                                          type(self).__name__)
        lo, hi = value_range_of(img.dtype, value_range)
        if np.ndim(lo):  # the levels of the jittered bands
            lo, hi = lo[index], hi[index]
        alpha, beta = np.ones(num_bands), np.zeros(num_bands)
        alpha[index], beta[index] = brightness_contrast_params(
            *factors, (lo, hi))
        img = affine_bands(img, alpha, beta, value_range)
        results['img'] = salt_noise(
            img, self.salt_prob, value_range, bands=index, inplace=True)
        return results

    def __repr__(self) -> str:
        return (f'{self.__class__.__name__}(prob={self.prob}, '
                f'brightness={self.brightness}, contrast={self.contrast}, '
                f'salt_prob={self.salt_prob}, value_range={self.value_range}, '
                f'bands={self.bands})')


@PRETRAIN_TRANSFORMS.register_module()
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
        value_range: Black and white levels, ``(low, high)`` or one
            pair per band; None takes ``results['value_range']``.
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
        self.prob = check_probability(prob)
        self.per_band = per_band
        if value_range is not None:
            value_range_of(np.float64, value_range)  # fail at build time
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
        value_range = resolve_value_range(work, self.value_range, results,
                                          type(self).__name__)
        lo, hi = (np.broadcast_to(level, work.shape[2])
                  for level in value_range_of(img.dtype, value_range))
        x = work.astype(np.float64)
        x = lo + factors[0] * (x - lo)
        mean = x.mean(axis=(0, 1))
        x = mean + factors[1] * (x - mean)
        x = np.clip(x, lo, hi)
        if np.issubdtype(img.dtype, np.integer):
            x = np.rint(x)
        out = x.astype(img.dtype)
        results['img'] = out[..., 0] if squeeze else out
        return results

    def __repr__(self) -> str:
        return (f'{self.__class__.__name__}(brightness={self.brightness}, '
                f'contrast={self.contrast}, prob={self.prob}, '
                f'per_band={self.per_band}, value_range={self.value_range})')
