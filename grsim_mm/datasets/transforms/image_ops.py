"""Band-agnostic array operations shared by the transforms.

Images are HWC (or HW) numpy arrays of any band count and dtype; nothing
here draws random numbers except :func:`salt_noise`, so the transforms own
their randomness.

Geometry: OpenCV is the fastest way to resize, flip and rotate images of up
to 4 bands on one core, but ``cv2.rotate`` rejects more bands, its generic
multi-band paths are slow, and it drops the channel axis of single-band
images. Here images of up to 4 bands take OpenCV's single-call path; flips
and rotations of multispectral images (10, 13 bands) move whole pixels as
opaque numpy items instead, which is several times faster than either
OpenCV or numpy's per-value strided copies.

Photometry: integer images are rounded and saturated to the value range;
float images are clipped to it. A value range is one ``(low, high)`` pair
for every band or one pair per band: black and white of the data, which
rarely fill their dtype (16-bit reflectance x 10000 stays below ~10000).
The transforms resolve it in one way, :func:`resolve_value_range`: their
own ``value_range``, else the sample's (set by the dataset setting), else
``(0, 255)`` for 8-bit images, else an error naming the file. The array
helpers take explicit levels; without them they only saturate to the
dtype's limits.
"""
from typing import Dict, Optional, Sequence, Tuple, Union

import cv2
import numpy as np

_FLIP_CODES = {'horizontal': 1, 'vertical': 0, 'diagonal': -1}
_FLIP_AXES = {'horizontal': (1, ), 'vertical': (0, ), 'diagonal': (0, 1)}
# np.rot90(img, k) (counter-clockwise) expressed as cv2.rotate codes.
_ROT90_CODES = {
    1: cv2.ROTATE_90_COUNTERCLOCKWISE,
    2: cv2.ROTATE_180,
    3: cv2.ROTATE_90_CLOCKWISE
}


def keep_channel_axis(out: np.ndarray, img: np.ndarray) -> np.ndarray:
    """Restore the channel axis that OpenCV drops for ``(H, W, 1)`` input."""
    return out[..., None] if img.ndim == 3 and out.ndim == 2 else out


def _is_multiband(img: np.ndarray) -> bool:
    return img.ndim == 3 and img.shape[2] > 4


def _move_pixels(img: np.ndarray, fn) -> np.ndarray:
    """Apply a numpy re-indexing ``fn`` to whole pixels of an HWC image,
    viewing each pixel as one opaque item; returns a contiguous array."""
    img = np.ascontiguousarray(img)
    items = img.view(np.dtype((np.void, img.shape[2] * img.itemsize)))
    moved = np.ascontiguousarray(fn(items[..., 0]))
    return moved.view(img.dtype).reshape(moved.shape + (img.shape[2], ))


def resize_bilinear(img: np.ndarray, size: Tuple[int, int]) -> np.ndarray:
    """Bilinear resize to ``size = (h, w)`` with OpenCV's pixel-centre
    convention (see :mod:`.two_view.coordinate_maps`)."""
    h, w = size
    if img.shape[:2] == (h, w):
        return img.copy()
    out = cv2.resize(img, (w, h), interpolation=cv2.INTER_LINEAR)
    return keep_channel_axis(out, img)


def flip(img: np.ndarray, direction: Optional[str]) -> np.ndarray:
    """Flip ``'horizontal'``, ``'vertical'`` or ``'diagonal'`` (both axes).

    Returns a new contiguous array (copying numpy's reversed views value by
    value is tens of times slower than ``cv2.flip`` for 8-bit pixels).
    """
    if direction is None:
        return img
    if _is_multiband(img):
        return _move_pixels(img, lambda x: np.flip(x, _FLIP_AXES[direction]))
    return keep_channel_axis(cv2.flip(img, _FLIP_CODES[direction]), img)


def rot90(img: np.ndarray, k: int) -> np.ndarray:
    """Same result as ``np.rot90(img, k)`` (counter-clockwise), contiguous."""
    k %= 4
    if k == 0:
        return img
    if _is_multiband(img):
        return _move_pixels(img, lambda x: np.rot90(x, k))
    return keep_channel_axis(cv2.rotate(img, _ROT90_CODES[k]), img)


# dtypes cv2.warpAffine takes; others are warped in float64.
_CV2_WARP_DTYPES = (np.uint8, np.uint16, np.int16, np.float32, np.float64)


def warp_affine(img: np.ndarray,
                matrix: np.ndarray,
                interpolation: str = 'bilinear',
                border_value: float = 0) -> np.ndarray:
    """``out(p) = img(A^-1 p)`` for the 2x3 affine ``matrix`` A in pixel
    coordinates (pixel centres at integers, ``x`` the column), same size.

    Pixels whose source falls outside the image take ``border_value``
    (bilinear ones near the edge blend with it, as OpenCV's constant
    border). Any band count and dtype: OpenCV fills at most 4 bands from a
    scalar, so wider images are warped 4 bands at a time, and dtypes OpenCV
    cannot warp go through float64 (rounded back for integers).
    """
    flags = {'bilinear': cv2.INTER_LINEAR, 'nearest': cv2.INTER_NEAREST}
    if interpolation not in flags:
        raise ValueError(f'interpolation must be one of {sorted(flags)}, '
                         f'got {interpolation!r}')
    h, w = img.shape[:2]
    work = img if img.dtype.type in _CV2_WARP_DTYPES else img.astype(
        np.float64)

    def warp(part: np.ndarray) -> np.ndarray:
        out = cv2.warpAffine(
            part, np.asarray(matrix, np.float64), (w, h),
            flags=flags[interpolation], borderMode=cv2.BORDER_CONSTANT,
            borderValue=(border_value, ) * 4)
        return keep_channel_axis(out, part)

    if work.ndim == 3 and work.shape[2] > 4:
        out = np.concatenate([
            warp(np.ascontiguousarray(work[..., i:i + 4]))
            for i in range(0, work.shape[2], 4)
        ], axis=2)
    else:
        out = warp(work)
    if out.dtype != img.dtype:
        if np.issubdtype(img.dtype, np.integer):
            info = np.iinfo(img.dtype)
            out = np.clip(np.rint(out), info.min, info.max)
        out = out.astype(img.dtype)
    return out


# dtypes whose per-pixel affine map cv2.transform computes with saturation.
_CV2_AFFINE_DTYPES = (np.uint8, np.uint16, np.int16, np.float32)


#: ``(low, high)`` for every band, or one such pair per band.
ValueRange = Union[Sequence[float], Sequence[Sequence[float]]]
#: Resolved levels: floats, or arrays with one entry per band.
Levels = Tuple[Union[float, np.ndarray], Union[float, np.ndarray]]


def value_range_of(dtype: np.dtype,
                   value_range: Optional[ValueRange] = None) -> Levels:
    """``(black, white)`` levels of ``value_range`` for images of ``dtype``.

    One ``(low, high)`` pair gives two floats; a pair per band gives two
    float64 arrays with one entry per band. Integer ranges are saturated to
    the dtype. Without a range: the limits of an integer dtype, ``(0, 1)``
    for floating dtypes; what saturation needs, never a white level for a
    transform (see :func:`resolve_value_range`).
    """
    dtype = np.dtype(dtype)
    if value_range is not None:
        levels = np.asarray(value_range, dtype=np.float64)
        if levels.shape[-1:] != (2, ) or levels.ndim > 2:
            raise ValueError('value_range must be (low, high) or one '
                             f'(low, high) pair per band, got {value_range}')
        lo, hi = levels[..., 0], levels[..., 1]
        if np.any(lo >= hi):
            raise ValueError(
                f'value_range must be increasing, got {value_range}')
        if np.issubdtype(dtype, np.integer):
            info = np.iinfo(dtype)
            lo, hi = np.maximum(lo, info.min), np.minimum(hi, info.max)
        if levels.ndim == 1:
            return float(lo), float(hi)
        return lo, hi
    if np.issubdtype(dtype, np.integer):
        info = np.iinfo(dtype)
        return float(info.min), float(info.max)
    return 0., 1.


def resolve_value_range(img: np.ndarray, value_range: Optional[ValueRange],
                        results: Dict, owner: str) -> np.ndarray:
    """The value range a photometric transform applies to ``img``.

    The transform's own ``value_range``, else ``results['value_range']``
    (the datasets copy it from the dataset setting), else ``(0, 255)`` for
    8-bit images. Any other image without a range is an error: the dtype's
    full range would make 65535 white for reflectance that ends near
    10000, and brightness, contrast and noise would drift toward it.

    Returns:
        np.ndarray: float64 ``(2,)`` or, per band, ``(C, 2)``, validated
        against the band count; :func:`value_range_of` turns it into
        levels.
    """
    if value_range is None:
        value_range = results.get('value_range')
    if value_range is None:
        if img.dtype == np.uint8:
            return np.array([0., 255.])
        raise ValueError(
            f"{owner}: {results.get('img_path', 'the image')} is "
            f'{img.dtype} and no value range is set, so black and white are '
            'unknown (only 8-bit images default to 0..255). Set value_range '
            'in the dataset setting, e.g. value_range = (0, 10000) for '
            'reflectance x 10000 or one (low, high) pair per band; '
            'tools/dataset_stats.py prints it for your data. A transform '
            'also takes its own value_range.')
    pairs = np.asarray(value_range, dtype=np.float64)
    check_levels(value_range_of(img.dtype, pairs),
                 1 if img.ndim == 2 else img.shape[2])
    return pairs


def check_probability(prob: float, name: str = 'prob') -> float:
    """A probability argument, checked when the transform is built."""
    if not 0 <= prob <= 1:
        raise ValueError(f'{name} must be in [0, 1], got {prob}')
    return prob


def check_levels(levels: Levels, num_bands: int) -> None:
    """Per-band levels must match the image's band count."""
    if np.ndim(levels[0]) and len(levels[0]) != num_bands:
        raise ValueError(f'value_range has {len(levels[0])} (low, high) '
                         f'pairs but the image has {num_bands} bands')


def band_index(num_bands: int, bands: Optional[Sequence[int]]) -> np.ndarray:
    """0-based band indices (negative ones wrap), all bands for None."""
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
                 value_range: Optional[ValueRange] = None) -> np.ndarray:
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
    check_levels((lo, hi), img.shape[2])
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
        if np.any(lo > full_lo) or np.any(hi < full_hi):
            np.clip(out, np.asarray(lo).astype(img.dtype),
                    np.asarray(hi).astype(img.dtype), out=out)
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
        value_range: Levels) -> Tuple[np.ndarray, np.ndarray]:
    """Per-band ``alpha, beta`` of the reference's jitter.

    A brightness factor ``f`` blends toward white (``f > 1``) or black
    (``f <= 1``) with weight ``|f - 1|``; the contrast factor ``c`` then
    scales the distance to black. With black = 0 this is the reference's
    ``c * ((1 - w) * x + w * target)``. ``value_range`` holds resolved
    levels (see :func:`value_range_of`) of the jittered bands.
    """
    lo, hi = value_range
    weight = np.abs(brightness - 1.)
    target = np.where(brightness > 1., hi, lo)
    alpha = contrast * (1. - weight)
    beta = contrast * (weight * target - lo) + lo
    return alpha, beta


def salt_noise(img: np.ndarray,
               prob: float,
               value_range: Optional[ValueRange] = None,
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
    index = band_index(flat.shape[1], bands)
    lo, hi = value_range_of(img.dtype, value_range)
    check_levels((lo, hi), flat.shape[1])
    total = flat.shape[0] * index.size
    if total == 0:
        return out
    positions = _bernoulli_positions(total, prob)
    hit_bands = index[positions % index.size]
    if np.ndim(lo):  # one range per band: the range of each hit's band
        lo, hi = lo[hit_bands], hi[hit_bands]
    if np.issubdtype(img.dtype, np.integer):
        values = np.random.randint(
            np.asarray(lo, np.int64), np.asarray(hi, np.int64) + 1,
            size=positions.size)
    else:
        values = np.random.uniform(lo, hi, size=positions.size)
    flat[positions // index.size, hit_bands] = values
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
