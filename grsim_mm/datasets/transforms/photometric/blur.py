"""Blurs of every band, for any band count and dtype:

- ``RandomGaussianBlur``: a Gaussian with a random odd kernel size (GLCNet);
- ``RandomSigmaBlur``: a Gaussian with a random standard deviation (DINO);
- ``MeanBlur``: a box blur (RSISC).

Blurring averages, so values stay in the image's range.
"""
from typing import Dict, Optional, Sequence

import cv2
import numpy as np
from mmcv.transforms import BaseTransform
from mmcv.transforms.utils import cache_randomness
from mmpretrain.registry import TRANSFORMS as PRETRAIN_TRANSFORMS
from mmseg.registry import TRANSFORMS as SEG_TRANSFORMS

from ..image_ops import check_probability, gaussian_blur, keep_channel_axis

# dtypes OpenCV's Gaussian filter accepts
_BLUR_DTYPES = (np.uint8, np.uint16, np.int16, np.float32, np.float64)


@SEG_TRANSFORMS.register_module()
@PRETRAIN_TRANSFORMS.register_module()
class RandomGaussianBlur(BaseTransform):
    """With probability ``prob``, blur all bands with a Gaussian whose
    kernel size is drawn uniformly from ``kernel_sizes``.

    Required keys: ``img``. Modified keys: ``img``.

    Args:
        prob (float): Probability of blurring. Defaults to 0.5.
        kernel_sizes (Sequence[int]): Odd kernel sizes. Defaults to
            (3, 5, 7).
        sigma (float): Standard deviation; 0 lets OpenCV choose the kernel
            from its size (see :func:`gaussian_blur`). Defaults to 0.
    """

    def __init__(self,
                 prob: float = 0.5,
                 kernel_sizes: Sequence[int] = (3, 5, 7),
                 sigma: float = 0.) -> None:
        if len(kernel_sizes) == 0 or any(k < 1 or k % 2 == 0
                                         for k in kernel_sizes):
            raise ValueError(f'kernel sizes must be odd, got {kernel_sizes}')
        self.prob = check_probability(prob)
        self.kernel_sizes = tuple(int(k) for k in kernel_sizes)
        self.sigma = sigma

    @cache_randomness
    def _random_kernel_size(self) -> Optional[int]:
        if np.random.rand() >= self.prob:
            return None
        return self.kernel_sizes[np.random.randint(len(self.kernel_sizes))]

    def transform(self, results: Dict) -> Dict:
        kernel_size = self._random_kernel_size()
        if kernel_size is not None:
            results['img'] = gaussian_blur(results['img'], kernel_size,
                                           self.sigma)
        return results

    def __repr__(self) -> str:
        return (f'{self.__class__.__name__}(prob={self.prob}, '
                f'kernel_sizes={self.kernel_sizes}, sigma={self.sigma})')


@PRETRAIN_TRANSFORMS.register_module()
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
        lo, hi = sigma_range
        if not 0 < lo <= hi:
            raise ValueError('sigma_range must be positive and increasing, '
                             f'got {sigma_range}')
        self.prob = check_probability(prob)
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


@PRETRAIN_TRANSFORMS.register_module()
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
        self.prob = check_probability(prob)

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
