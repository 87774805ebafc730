"""Band-agnostic geometric image operations and the ``RandomRot90`` transform.

OpenCV is the fastest way to resize, flip and rotate images of up to 4
bands on one core, but ``cv2.rotate`` rejects more bands, its generic
multi-band paths are slow, and it drops the channel axis of single-band
images. Here images of up to 4 bands take OpenCV's single-call path; flips
and rotations of multispectral images (10, 13 bands) move whole pixels as
opaque numpy items instead, which is several times faster than either
OpenCV or numpy's per-value strided copies.
"""
from typing import Dict, Optional, Sequence, Tuple

import cv2
import numpy as np
from mmcv.transforms import BaseTransform
from mmcv.transforms.utils import cache_randomness
from mmpretrain.registry import TRANSFORMS as PRETRAIN_TRANSFORMS
from mmseg.registry import TRANSFORMS as SEG_TRANSFORMS

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
    convention (see :mod:`.geometry`)."""
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


@SEG_TRANSFORMS.register_module()
@PRETRAIN_TRANSFORMS.register_module()
class RandomRot90(BaseTransform):
    """Rotate the image and segmentation maps by a random multiple of 90°.

    Right angles keep every pixel on the grid, so labels need no
    interpolation; that is why remote-sensing fine-tuning uses them instead
    of free rotations. With probability ``prob`` the rotation is
    ``k * 90°`` counter-clockwise, ``k`` drawn uniformly from ``choices``.
    The defaults reproduce the reference fine-tuning (always drawn, so
    ``k = 0`` keeps 1/4 of the samples unrotated).

    Required keys: ``img``. Modified keys: ``img``, ``img_shape``,
    ``gt_seg_map`` and the other ``seg_fields``. Added key: ``rot90`` (k).

    Args:
        prob (float): Probability of drawing a rotation. Defaults to 1.0.
        choices (Sequence[int]): Candidate quarter turns. Defaults to
            (0, 1, 2, 3).
    """

    def __init__(self,
                 prob: float = 1.0,
                 choices: Sequence[int] = (0, 1, 2, 3)) -> None:
        if not 0 <= prob <= 1:
            raise ValueError(f'prob must be in [0, 1], got {prob}')
        if len(choices) == 0:
            raise ValueError('choices must not be empty')
        self.prob = prob
        self.choices = tuple(int(k) % 4 for k in choices)

    @cache_randomness
    def _random_k(self) -> int:
        if np.random.rand() >= self.prob:
            return 0
        return self.choices[np.random.randint(len(self.choices))]

    def transform(self, results: Dict) -> Dict:
        k = self._random_k()
        results['img'] = rot90(results['img'], k)
        results['img_shape'] = results['img'].shape[:2]
        seg_keys = set(results.get('seg_fields', []))
        if 'gt_seg_map' in results:
            seg_keys.add('gt_seg_map')
        for key in seg_keys:
            results[key] = rot90(results[key], k)
        results['rot90'] = k
        return results

    def __repr__(self) -> str:
        return (f'{self.__class__.__name__}(prob={self.prob}, '
                f'choices={self.choices})')
