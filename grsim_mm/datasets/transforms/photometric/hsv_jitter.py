"""Hue, saturation and value jitter of the red, green and blue bands.

The GLCNet reference jitters R, G, B in OpenCV's 8-bit HSV space (hue
+-30 of its 180 steps, saturation +-5 and value +-15 of 255) and leaves the
other bands to a per-band brightness / contrast jitter. The toolbox's
default is band-agnostic (:class:`.SpectralJitter` on every
band); this transform restores the reference's colour step for datasets
whose bands include red, green and blue, whatever their position, dtype or
value range. Every other band is left untouched.
"""
from typing import Dict, Optional, Sequence, Tuple

import cv2
import numpy as np
from mmcv.transforms import BaseTransform
from mmcv.transforms.utils import cache_randomness
from mmpretrain.registry import TRANSFORMS as PRETRAIN_TRANSFORMS
from mmseg.registry import TRANSFORMS as SEG_TRANSFORMS

from ....utils.stem_inflation import rgb_bands_from_names
from ..image_ops import (ValueRange, check_probability, resolve_value_range,
                         value_range_of)


def hsv_shift(rgb: np.ndarray, hue: float, saturation: float,
              value: float) -> np.ndarray:
    """Shift an ``(H, W, 3)`` RGB image in ``[0, 1]`` in HSV space.

    ``hue`` is in degrees and wraps around the colour circle; ``saturation``
    and ``value`` are added to the [0, 1] channels and saturate there.
    """
    hsv = cv2.cvtColor(np.ascontiguousarray(rgb, np.float32),
                       cv2.COLOR_RGB2HSV)
    hsv[..., 0] = np.mod(hsv[..., 0] + hue, 360)
    hsv[..., 1:] = np.clip(hsv[..., 1:] + (saturation, value), 0, 1)
    return cv2.cvtColor(hsv, cv2.COLOR_HSV2RGB)


@SEG_TRANSFORMS.register_module()
@PRETRAIN_TRANSFORMS.register_module()
class RGBHSVJitter(BaseTransform):
    """With probability ``prob``, shift the hue, saturation and value of
    the red, green and blue bands.

    The shifts are drawn as the reference draws them, in its 8-bit units:
    hue ``k ~ U{-hue..hue}`` steps of 2 degrees, saturation
    ``U(-saturation, saturation)`` and value ``U(-value, value)`` in 255ths
    of the band's value range. The bands are scaled to [0, 1] by their
    value range, converted with OpenCV's float HSV (no 8-bit quantisation,
    and the hue wraps around the circle where the reference wrapped modulo
    256), shifted, converted back and rounded to the dtype.

    Required keys: ``img``, and ``band_names`` unless ``rgb_bands`` is
    given. Optional: ``value_range``. Modified keys: ``img``.

    Args:
        prob (float): Probability of the jitter. Defaults to 0.5 (the
            reference's).
        hue (int): Largest hue shift in steps of 2 degrees. Defaults to 30.
        saturation (float): Largest saturation shift in 255ths.
            Defaults to 5.
        value (float): Largest value shift in 255ths. Defaults to 15.
        rgb_bands (Sequence[int], optional): 0-based indices of the red,
            green and blue bands; None reads them from
            ``results['band_names']``.
        value_range (Sequence, optional): Black and white levels, one pair
            or one per band; None takes ``results['value_range']``, else
            the dtype's range.
    """

    def __init__(self,
                 prob: float = 0.5,
                 hue: int = 30,
                 saturation: float = 5,
                 value: float = 15,
                 rgb_bands: Optional[Sequence[int]] = None,
                 value_range: Optional[ValueRange] = None) -> None:
        if min(hue, saturation, value) < 0:
            raise ValueError('hue, saturation and value are half-widths and '
                             'must not be negative')
        if rgb_bands is not None and len(set(rgb_bands)) != 3:
            raise ValueError('rgb_bands must be three distinct band indices '
                             f'(red, green, blue), got {rgb_bands}')
        self.prob = check_probability(prob)
        self.hue = int(hue)
        self.saturation = saturation
        self.value = value
        self.rgb_bands = None if rgb_bands is None else list(rgb_bands)
        self.value_range = value_range

    @cache_randomness
    def _random_shifts(self) -> Optional[Tuple[int, float, float]]:
        if np.random.rand() >= self.prob:
            return None
        return (np.random.randint(-self.hue, self.hue + 1),
                np.random.uniform(-self.saturation, self.saturation),
                np.random.uniform(-self.value, self.value))

    def _bands(self, results: Dict, num_bands: int) -> list:
        if self.rgb_bands is not None:
            bands = self.rgb_bands
        elif results.get('band_names') is not None:
            bands = list(rgb_bands_from_names(results['band_names']))
        else:
            raise ValueError(
                'RGBHSVJitter needs to know the red, green and blue bands: '
                'give the dataset band_names (the dataset settings do) or '
                'the transform rgb_bands=(r, g, b)')
        if max(bands) >= num_bands or min(bands) < -num_bands:
            raise ValueError(f'rgb_bands {bands} do not exist in an image '
                             f'of {num_bands} bands')
        return [b % num_bands for b in bands]

    def transform(self, results: Dict) -> Dict:
        shifts = self._random_shifts()
        if shifts is None:
            return results
        img = results['img']
        if img.ndim != 3:
            raise ValueError('RGBHSVJitter needs an image with bands, got '
                             f'shape {img.shape}')
        bands = self._bands(results, img.shape[2])
        value_range = resolve_value_range(img, self.value_range, results,
                                          type(self).__name__)
        lo, hi = value_range_of(img.dtype, value_range)
        if np.ndim(lo):
            lo, hi = lo[bands], hi[bands]
        lo = np.asarray(lo, np.float32)
        span = np.asarray(hi, np.float32) - lo
        rgb = np.clip((img[..., bands].astype(np.float32) - lo) / span, 0, 1)
        k, s, v = shifts
        out = hsv_shift(rgb, 2 * k, s / 255, v / 255) * span + lo
        if np.issubdtype(img.dtype, np.integer):
            np.rint(out, out=out)
        img = img.copy()
        img[..., bands] = np.clip(out, lo, lo + span).astype(img.dtype)
        results['img'] = img
        return results

    def __repr__(self) -> str:
        return (f'{self.__class__.__name__}(prob={self.prob}, hue={self.hue}, '
                f'saturation={self.saturation}, value={self.value}, '
                f'rgb_bands={self.rgb_bands}, '
                f'value_range={self.value_range})')
