"""Solarisation defined on the data's value range."""
from typing import Dict, Optional, Sequence, Tuple

import numpy as np
from mmcv.transforms import BaseTransform
from mmcv.transforms.utils import cache_randomness
from mmpretrain.registry import TRANSFORMS


def resolve_value_range(img: np.ndarray, value_range: Optional[Sequence],
                        results: Dict, name: str) -> Tuple[float, float]:
    """The transform's ``value_range``, else the sample's, else (0, 255)
    for 8-bit images; anything else is an error rather than a guess at
    the dtype's full range."""
    if value_range is None:
        value_range = results.get('value_range')
    if value_range is None:
        if img.dtype == np.uint8:
            return 0., 255.
        raise ValueError(
            f'{name}: a {img.dtype} image of {results.get("img_path", "?")} '
            'has no value range; give the dataset (or the transform) '
            'value_range, e.g. (0, 10000) for 16-bit reflectance')
    lo, hi = (float(v) for v in value_range)
    if not lo < hi:
        raise ValueError(f'{name}: value_range must be increasing, got '
                         f'{tuple(value_range)}')
    return lo, hi


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
        value_range (Sequence[float], optional): ``(lo, hi)``; None takes
            ``results['value_range']`` (set by the dataset), and 8-bit images
            without one use (0, 255). Defaults to None.
    """

    def __init__(self,
                 prob: float = 0.2,
                 threshold: float = 0.5,
                 value_range: Optional[Sequence[float]] = None) -> None:
        if not 0 <= prob <= 1:
            raise ValueError(f'prob must be in [0, 1], got {prob}')
        if not 0 <= threshold <= 1:
            raise ValueError(
                f'threshold is a fraction of the range, got {threshold}')
        self.prob = prob
        self.threshold = threshold
        self.value_range = None if value_range is None else tuple(value_range)

    @cache_randomness
    def _apply(self) -> bool:
        return np.random.rand() < self.prob

    def transform(self, results: Dict) -> Dict:
        if not self._apply():
            return results
        img = results['img']
        lo, hi = resolve_value_range(img, self.value_range, results,
                                     type(self).__name__)
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
