"""Band-agnostic photometric augmentation for multispectral imagery.

Colour augmentations in mmcv and torchvision assume 3-band 8-bit RGB (HSV
jitter, luminance greyscale). Remote-sensing tiles have any number of bands
and any dtype, so these transforms treat every band alike and work on the
native dtype:

- ``SpectralJitter``: per band, a brightness blend toward white or black, a
  contrast scaling and salt noise, as the GLCNet reference does for the
  bands beyond RGB, extended to every band;
- ``RandomGrey``: one random band copied into all bands;
- ``RandomGaussianBlur``: a Gaussian blur with a random odd kernel size.

White and black are the ends of the data's value range. ``SpectralJitter``
takes it from its own ``value_range`` argument, else from
``results['value_range']`` (which the datasets fill from their
``value_range`` argument, so a dataset setting states it once), else from
the dtype (see :mod:`.image_ops`).

The array operations live in :mod:`.image_ops`, shared with the two-view
transform; the transforms are registered in both the mmseg and the
mmpretrain scopes so that pretraining and fine-tuning pipelines use the same
code.
"""
from typing import Dict, Optional, Sequence, Tuple

import numpy as np
from mmcv.transforms import BaseTransform
from mmcv.transforms.utils import cache_randomness
from mmpretrain.registry import TRANSFORMS as PRETRAIN_TRANSFORMS
from mmseg.registry import TRANSFORMS as SEG_TRANSFORMS

from .image_ops import (ValueRange, affine_bands, band_index,
                        brightness_contrast_params, check_levels,
                        gaussian_blur, grey, salt_noise, value_range_of)


def _check_prob(prob: float) -> float:
    if not 0 <= prob <= 1:
        raise ValueError(f'probabilities must be in [0, 1], got {prob}')
    return prob


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
            ``results['value_range']``, else the dtype's range (see the
            module docstring). Defaults to None.
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
        self.prob = _check_prob(prob)
        self.brightness = brightness
        self.contrast = contrast
        self.salt_prob = _check_prob(salt_prob)
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
        value_range = self.value_range
        if value_range is None:
            value_range = results.get('value_range')
        lo, hi = value_range_of(img.dtype, value_range)
        check_levels((lo, hi), num_bands)
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


@SEG_TRANSFORMS.register_module()
@PRETRAIN_TRANSFORMS.register_module()
class RandomGrey(BaseTransform):
    """With probability ``prob``, copy one random band into all bands.

    A band-agnostic stand-in for greyscale conversion: there are no
    luminance weights for arbitrary bands, so one band is picked uniformly,
    as in the reference.

    Required keys: ``img``. Modified keys: ``img``.

    Args:
        prob (float): Probability of the conversion. Defaults to 0.1.
    """

    def __init__(self, prob: float = 0.1) -> None:
        self.prob = _check_prob(prob)

    @cache_randomness
    def _random_band(self, num_bands: int) -> Optional[int]:
        if np.random.rand() >= self.prob:
            return None
        return np.random.randint(num_bands)

    def transform(self, results: Dict) -> Dict:
        img = results['img']
        band = self._random_band(1 if img.ndim == 2 else img.shape[2])
        if band is not None:
            results['img'] = grey(img, band)
        return results

    def __repr__(self) -> str:
        return f'{self.__class__.__name__}(prob={self.prob})'


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
        self.prob = _check_prob(prob)
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
