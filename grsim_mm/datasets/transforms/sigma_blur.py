"""Gaussian blur with a standard deviation drawn at every call."""
from typing import Dict, Optional, Sequence

import cv2
import numpy as np
from mmcv.transforms import BaseTransform
from mmcv.transforms.utils import cache_randomness
from mmpretrain.registry import TRANSFORMS

# dtypes OpenCV's Gaussian filter accepts
_BLUR_DTYPES = (np.uint8, np.uint16, np.int16, np.float32, np.float64)


@TRANSFORMS.register_module()
class RandomSigmaBlur(BaseTransform):
    """With probability ``prob``, blur every band with a Gaussian of
    standard deviation ``sigma ~ U(sigma_range)`` drawn anew at each call.

    DINO's blur (PIL ``GaussianBlur`` with a radius drawn from (0.1, 2.0)
    per image) for any band count and dtype. The kernel covers +-3 sigma
    for 8-bit images and +-4 sigma otherwise (OpenCV's choice); blurring
    averages, so values stay in the image's range.

    Required keys: ``img``. Modified keys: ``img``.

    Args:
        prob (float): Probability of blurring. Defaults to 0.5.
        sigma_range (Sequence[float]): Range of the standard deviation in
            pixels. Defaults to (0.1, 2.0).
    """

    def __init__(self,
                 prob: float = 0.5,
                 sigma_range: Sequence[float] = (0.1, 2.0)) -> None:
        if not 0 <= prob <= 1:
            raise ValueError(f'prob must be in [0, 1], got {prob}')
        lo, hi = sigma_range
        if not 0 < lo <= hi:
            raise ValueError('sigma_range must be positive and increasing, '
                             f'got {sigma_range}')
        self.prob = prob
        self.sigma_range = (float(lo), float(hi))

    @cache_randomness
    def _random_sigma(self) -> Optional[float]:
        if np.random.rand() >= self.prob:
            return None
        return np.random.uniform(*self.sigma_range)

    def transform(self, results: Dict) -> Dict:
        sigma = self._random_sigma()
        if sigma is None:
            return results
        img = results['img']
        if img.dtype.type not in _BLUR_DTYPES:
            raise ValueError(
                f'RandomSigmaBlur: images of dtype {img.dtype} cannot be '
                f'blurred (supported: {[d.__name__ for d in _BLUR_DTYPES]}); '
                'load them with to_float32=True')
        out = cv2.GaussianBlur(img, (0, 0), sigmaX=sigma, sigmaY=sigma)
        # OpenCV drops the band axis of (H, W, 1) images
        results['img'] = out.reshape(img.shape)
        return results

    def __repr__(self) -> str:
        return (f'{self.__class__.__name__}(prob={self.prob}, '
                f'sigma_range={self.sigma_range})')
