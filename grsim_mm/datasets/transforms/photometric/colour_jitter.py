"""torchvision's ``ColorJitter`` for 8-bit RGB images in file band order.

The MoCo code that STICL releases jitters its views with torchvision's
``ColorJitter``. mmpretrain's ``ColorJitter`` is not a substitute here: it
reads images as BGR (so saturation and contrast weigh red and blue the
wrong way round for the RGB order of ``LoadRasterImageFromFile``), and its
hue step (mmcv's ``adjust_hue``) fails under NumPy 2 for negative hue
factors (``np.uint8`` of a negative number).
"""
from typing import Dict, Optional, Tuple

import numpy as np
import torch
import torchvision.transforms.functional as F
from mmcv.transforms import BaseTransform
from mmcv.transforms.utils import cache_randomness
from mmpretrain.registry import TRANSFORMS

from ..image_ops import check_probability


def _factor_range(value: float, name: str, centre: float,
                  bound: Tuple[float, float]) -> Optional[Tuple[float,
                                                                float]]:
    if value < 0:
        raise ValueError(f'{name} must be non-negative, got {value}')
    low, high = max(centre - value, bound[0]), min(centre + value, bound[1])
    return None if value == 0 else (low, high)


@TRANSFORMS.register_module()
class RGBColorJitter(BaseTransform):
    """With probability ``prob``, torchvision's ``ColorJitter`` of an 8-bit
    R, G, B image: brightness, contrast, saturation and hue factors drawn
    uniformly from ``[1 - x, 1 + x]`` (hue from ``[-hue, hue]``) and applied
    in a random order, by torchvision's own functions.

    Draws use numpy's global generator (mmengine's worker seeding). Images
    of other band counts or dtypes are refused: saturation and hue have no
    meaning there (``BandBrightnessContrast`` is the band-agnostic jitter).

    Required keys: ``img`` (H x W x 3, uint8, R, G, B). Modified keys:
    ``img``.

    Args:
        brightness: Half-width of the brightness factor range.
        contrast: Half-width of the contrast factor range.
        saturation: Half-width of the saturation factor range.
        hue: Largest hue shift, in [0, 0.5] of a turn.
        prob: Probability of jittering (MoCo v1: 1, MoCo v2: 0.8).
    """

    def __init__(self,
                 brightness: float = 0.,
                 contrast: float = 0.,
                 saturation: float = 0.,
                 hue: float = 0.,
                 prob: float = 1.0) -> None:
        if not 0 <= hue <= 0.5:
            raise ValueError(f'hue must be in [0, 0.5], got {hue}')
        self.ranges = (
            _factor_range(brightness, 'brightness', 1., (0., float('inf'))),
            _factor_range(contrast, 'contrast', 1., (0., float('inf'))),
            _factor_range(saturation, 'saturation', 1., (0., float('inf'))),
            _factor_range(hue, 'hue', 0., (-0.5, 0.5)),
        )
        self.prob = check_probability(prob)

    @cache_randomness
    def _params(self) -> Optional[list]:
        if np.random.rand() >= self.prob:
            return None
        steps = []
        for index in np.random.permutation(4):
            bounds = self.ranges[index]
            if bounds is not None:
                steps.append((int(index), np.random.uniform(*bounds)))
        return steps

    def transform(self, results: Dict) -> Dict:
        img = results['img']
        if img.ndim != 3 or img.shape[2] != 3 or img.dtype != np.uint8:
            raise ValueError(
                f'{results.get("img_path", "image")}: RGBColorJitter needs '
                f'an 8-bit R, G, B image, got shape {img.shape} of '
                f'{img.dtype}; use BandBrightnessContrast for other data')
        steps = self._params()
        if not steps:
            return results
        adjust = (F.adjust_brightness, F.adjust_contrast,
                  F.adjust_saturation, F.adjust_hue)
        tensor = torch.from_numpy(np.ascontiguousarray(img)).permute(2, 0, 1)
        for index, factor in steps:
            tensor = adjust[index](tensor, float(factor))
        results['img'] = tensor.permute(1, 2, 0).contiguous().numpy()
        return results

    def __repr__(self) -> str:
        return (f'{self.__class__.__name__}(ranges={self.ranges}, '
                f'prob={self.prob})')
