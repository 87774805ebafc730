"""Band-agnostic photometric augmentation for multispectral imagery.

Colour augmentations in mmcv and torchvision assume 3-band 8-bit RGB (HSV
jitter, luminance greyscale). Remote-sensing tiles have any number of bands
and any dtype, so these operations treat every band alike and work on the
native dtype:

- ``SpectralJitter``: per band, a brightness blend toward white or black, a
  contrast scaling and salt noise, as the GLCNet reference does for the
  bands beyond RGB, extended to every band;
- ``RandomGrey``: one random band copied into all bands;
- ``RandomGaussianBlur``: a Gaussian blur with a random odd kernel size.

Integer images are rounded and saturated to the value range; float images
are clipped to it. The value range is ``value_range`` when given, else the
full range of integer dtypes and ``(0, 1)`` for floating dtypes. Set it for
data that does not fill its dtype (e.g. ``(0, 10000)`` for 16-bit
reflectance), since white and black are its ends.

The functions are shared with :class:`GLCViews`; the transforms are
registered in both the mmseg and the mmpretrain scopes so that pretraining
and fine-tuning pipelines use the same code.
"""
from typing import Dict, Optional, Sequence, Tuple

import cv2
import numpy as np
from mmcv.transforms import BaseTransform
from mmcv.transforms.utils import cache_randomness
from mmpretrain.registry import TRANSFORMS as PRETRAIN_TRANSFORMS
from mmseg.registry import TRANSFORMS as SEG_TRANSFORMS

from .geometric import keep_channel_axis

# dtypes whose per-pixel affine map cv2.transform computes with saturation.
_CV2_AFFINE_DTYPES = (np.uint8, np.uint16, np.int16, np.float32)


def value_range_of(dtype: np.dtype,
                   value_range: Optional[Sequence[float]] = None
                   ) -> Tuple[float, float]:
    """``(black, white)`` levels of a dtype, see the module docstring."""
    dtype = np.dtype(dtype)
    if value_range is not None:
        lo, hi = value_range
        if lo >= hi:
            raise ValueError(
                f'value_range must be increasing, got {value_range}')
        if np.issubdtype(dtype, np.integer):
            info = np.iinfo(dtype)
            lo, hi = max(lo, info.min), min(hi, info.max)
        return float(lo), float(hi)
    if np.issubdtype(dtype, np.integer):
        info = np.iinfo(dtype)
        return float(info.min), float(info.max)
    return 0., 1.


def _band_index(num_bands: int, bands: Optional[Sequence[int]]) -> np.ndarray:
    if bands is None:
        return np.arange(num_bands)
    index = np.asarray(bands, dtype=np.int64)
    if index.size and (index.min() < -num_bands or index.max() >= num_bands):
        raise ValueError(f'bands {list(bands)} out of range for an image '
                         f'with {num_bands} bands')
    return index % num_bands


def affine_bands(img: np.ndarray,
                 alpha: np.ndarray,
                 beta: np.ndarray,
                 value_range: Optional[Sequence[float]] = None) -> np.ndarray:
    """Per band ``clip(alpha[b] * x + beta[b])`` in the image's dtype.

    ``alpha`` and ``beta`` have one entry per band. 8-bit images use a
    lookup table (exact, one pass for any band count); 16-bit and float32
    images of up to 4 bands use ``cv2.transform`` with a diagonal matrix,
    the rest numpy in float32 (float64 for wider dtypes).
    """
    squeeze = img.ndim == 2
    if squeeze:
        img = img[..., None]
    lo, hi = value_range_of(img.dtype, value_range)
    alpha = np.asarray(alpha, dtype=np.float64)
    beta = np.asarray(beta, dtype=np.float64)
    channels = img.shape[2]
    is_int = np.issubdtype(img.dtype, np.integer)
    if img.dtype == np.uint8:
        levels = np.arange(256, dtype=np.float64)[:, None]
        lut = np.clip(np.rint(levels * alpha + beta), lo, hi)
        out = cv2.LUT(img, lut.astype(np.uint8)[:, None, :])
        out = out if out.ndim == 3 else out[..., None]
    elif img.dtype.type in _CV2_AFFINE_DTYPES and channels <= 4:
        m = np.concatenate([np.diag(alpha), beta[:, None]], axis=1)
        out = keep_channel_axis(cv2.transform(img, m), img)
        full_lo, full_hi = (value_range_of(img.dtype) if is_int else
                            (-np.inf, np.inf))
        if lo > full_lo or hi < full_hi:
            np.clip(out, img.dtype.type(lo), img.dtype.type(hi), out=out)
    else:
        # cv2.transform takes at most 4 bands; float32 (as cv2 computes) is
        # exact enough for 8- and 16-bit data.
        work = np.result_type(img.dtype, np.float32)
        out = img.astype(work)
        out *= alpha.astype(work)
        out += beta.astype(work)
        if is_int:
            np.rint(out, out=out)
        np.clip(out, lo, hi, out=out)
        out = out.astype(img.dtype)
    return out[..., 0] if squeeze else out


def brightness_contrast_params(
        brightness: np.ndarray, contrast: np.ndarray,
        value_range: Tuple[float, float]) -> Tuple[np.ndarray, np.ndarray]:
    """Per-band ``alpha, beta`` of the reference's jitter.

    A brightness factor ``f`` blends toward white (``f > 1``) or black
    (``f <= 1``) with weight ``|f - 1|``; the contrast factor ``c`` then
    scales the distance to black. With black = 0 this is the reference's
    ``c * ((1 - w) * x + w * target)``.
    """
    lo, hi = value_range
    weight = np.abs(brightness - 1.)
    target = np.where(brightness > 1., hi, lo)
    alpha = contrast * (1. - weight)
    beta = contrast * (weight * target - lo) + lo
    return alpha, beta


def salt_noise(img: np.ndarray,
               prob: float,
               value_range: Optional[Sequence[float]] = None,
               bands: Optional[Sequence[int]] = None,
               inplace: bool = False) -> np.ndarray:
    """Replace each value of the chosen bands, independently with
    probability ``prob``, by a uniform random value of the value range.

    The hit positions are drawn as geometric gaps of a Bernoulli process,
    which is exact and costs time proportional to the number of hits, not
    to the image size.
    """
    out = img if inplace and img.flags.c_contiguous else img.copy()
    if prob <= 0:
        return out
    flat = out.reshape(out.shape[0] * out.shape[1], -1)
    index = _band_index(flat.shape[1], bands)
    total = flat.shape[0] * index.size
    if total == 0:
        return out
    positions = _bernoulli_positions(total, prob)
    lo, hi = value_range_of(img.dtype, value_range)
    if np.issubdtype(img.dtype, np.integer):
        values = np.random.randint(int(lo), int(hi) + 1, size=positions.size)
    else:
        values = np.random.uniform(lo, hi, size=positions.size)
    flat[positions // index.size, index[positions % index.size]] = values
    return out


def _bernoulli_positions(total: int, prob: float) -> np.ndarray:
    """Sorted indices in ``[0, total)``, each present with probability
    ``prob`` independently."""
    if prob >= 1:
        return np.arange(total)
    mean = total * prob
    chunk = int(mean + 6 * np.sqrt(mean) + 16)
    ends = np.cumsum(np.random.geometric(prob, size=chunk))
    while ends[-1] <= total:
        more = np.cumsum(np.random.geometric(prob, size=chunk)) + ends[-1]
        ends = np.concatenate([ends, more])
    return ends[ends <= total] - 1


def grey(img: np.ndarray, band: int) -> np.ndarray:
    """Copy band ``band`` into every band."""
    if img.ndim == 2:
        return img.copy()
    return np.repeat(img[..., band:band + 1], img.shape[2], axis=2)


def gaussian_blur(img: np.ndarray, kernel_size: int,
                  sigma: float = 0.) -> np.ndarray:
    """Gaussian blur of every band.

    With ``sigma=0`` OpenCV picks the kernel: for sizes up to 7 its fixed
    binomial tables ([1, 2, 1] / 4, [1, 4, 6, 4, 1] / 16, ...), as the
    reference got; larger sizes use ``0.3 * ((k - 1) / 2 - 1) + 0.8``.
    """
    out = cv2.GaussianBlur(img, (kernel_size, kernel_size), sigma)
    return keep_channel_axis(out, img)


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

    Required keys: ``img``. Modified keys: ``img``.

    Args:
        prob (float): Probability of jittering the image. Defaults to 0.8.
        brightness (float): Half-width of the brightness factor range.
            Defaults to 0.1.
        contrast (float): Half-width of the contrast factor range.
            Defaults to 0.1.
        salt_prob (float): Per-value salt-noise probability. Defaults to
            0.001.
        value_range (Sequence[float], optional): Black and white levels; see
            the module docstring. Defaults to None.
        bands (Sequence[int], optional): 0-based bands to jitter; all when
            None. Defaults to None.
    """

    def __init__(self,
                 prob: float = 0.8,
                 brightness: float = 0.1,
                 contrast: float = 0.1,
                 salt_prob: float = 0.001,
                 value_range: Optional[Sequence[float]] = None,
                 bands: Optional[Sequence[int]] = None) -> None:
        self.prob = _check_prob(prob)
        self.brightness = brightness
        self.contrast = contrast
        self.salt_prob = _check_prob(salt_prob)
        self.value_range = None if value_range is None else tuple(value_range)
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
        index = _band_index(num_bands, self.bands)
        factors = self._random_factors(index.size)
        if factors is None:
            return results
        lo_hi = value_range_of(img.dtype, self.value_range)
        alpha, beta = np.ones(num_bands), np.zeros(num_bands)
        alpha[index], beta[index] = brightness_contrast_params(*factors, lo_hi)
        img = affine_bands(img, alpha, beta, lo_hi)
        results['img'] = salt_noise(
            img, self.salt_prob, lo_hi, bands=index, inplace=True)
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
