"""Solarisation defined on the data's value range."""
from typing import Dict, Optional

import numpy as np
from mmcv.transforms import BaseTransform
from mmcv.transforms.utils import cache_randomness
from mmpretrain.registry import TRANSFORMS

from ..image_ops import (ValueRange, check_probability, resolve_value_range,
                         value_range_of)


@TRANSFORMS.register_module()
class RangeSolarize(BaseTransform):
    """With probability ``prob``, invert every value at or above a threshold
    within the value range ``(lo, hi)``: ``x -> lo + hi - x``.

    DINO's solarisation (PIL ``solarize``: 8-bit values from 128 up become
    ``255 - x``) for any dtype and band count. The threshold is a fraction
    of the range, ``lo + threshold * (hi - lo)``; values beyond ``hi`` map
    below ``lo`` and are clipped to it.

    Required keys: ``img``; optional ``value_range``. Modified keys:
    ``img``.

    Args:
        prob (float): Probability of solarising. Defaults to 0.2.
        threshold (float): Threshold as a fraction of the range. Defaults to
            0.5.
        value_range (Sequence, optional): ``(lo, hi)`` or one pair per band;
            None takes ``results['value_range']`` (set by the dataset), and
            8-bit images without one use (0, 255). Defaults to None.
    """

    def __init__(self,
                 prob: float = 0.2,
                 threshold: float = 0.5,
                 value_range: Optional[ValueRange] = None) -> None:
        if not 0 <= threshold <= 1:
            raise ValueError(
                f'threshold is a fraction of the range, got {threshold}')
        if value_range is not None:
            value_range_of(np.float64, value_range)  # fail at build time
        self.prob = check_probability(prob)
        self.threshold = threshold
        self.value_range = value_range

    @cache_randomness
    def _apply(self) -> bool:
        return np.random.rand() < self.prob

    def transform(self, results: Dict) -> Dict:
        if not self._apply():
            return results
        img = results['img']
        value_range = resolve_value_range(img, self.value_range, results,
                                          type(self).__name__)
        lo, hi = value_range_of(img.dtype, value_range)
        work = img.astype(np.float64)
        inverted = np.clip(lo + hi - work, lo, hi)
        out = np.where(work >= lo + self.threshold * (hi - lo), inverted,
                       work)
        if np.issubdtype(img.dtype, np.integer):
            out = np.rint(out)
        results['img'] = out.astype(img.dtype)
        return results

    def __repr__(self) -> str:
        return (f'{self.__class__.__name__}(prob={self.prob}, '
                f'threshold={self.threshold}, '
                f'value_range={self.value_range})')
