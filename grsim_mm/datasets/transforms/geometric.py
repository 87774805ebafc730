"""Geometric transforms of an image and its segmentation maps.

Right-angle rotations need no interpolation, so labels stay exact; the
shift / scale / aspect warp of the reference fine-tuning resamples the image
bilinearly and the labels by nearest neighbour. The band-agnostic array
operations they use live in :mod:`.image_ops`; the random crops, flips and
rotations of the two pretraining views are in :mod:`.two_view.paired_views`.
"""
import math
from typing import Dict, Optional, Sequence

import numpy as np
from mmcv.transforms import BaseTransform
from mmcv.transforms.utils import cache_randomness
from mmpretrain.registry import TRANSFORMS as PRETRAIN_TRANSFORMS
from mmseg.registry import TRANSFORMS as SEG_TRANSFORMS

from .image_ops import rot90, warp_affine


def _seg_keys(results: Dict) -> set:
    """The segmentation maps of a sample: ``seg_fields`` and
    ``gt_seg_map``."""
    keys = set(results.get('seg_fields', []))
    if 'gt_seg_map' in results:
        keys.add('gt_seg_map')
    return keys


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
        for key in _seg_keys(results):
            results[key] = rot90(results[key], k)
        results['rot90'] = k
        return results

    def __repr__(self) -> str:
        return (f'{self.__class__.__name__}(prob={self.prob}, '
                f'choices={self.choices})')


@SEG_TRANSFORMS.register_module()
@PRETRAIN_TRANSFORMS.register_module()
class RandomShiftScaleAspect(BaseTransform):
    """With probability ``prob``, zoom, stretch and shift the image about
    its centre, keeping its size: the reference fine-tuning warp.

    The reference (a perspective warp with rotation 0, which is affine)
    draws a scale ``s ~ U(1 - scale, 1 + scale)``, an aspect
    ``a ~ U(1 - aspect, 1 + aspect)`` and shifts ``dx = round(u * W)``,
    ``dy = round(v * H)`` with ``u, v ~ U(-shift, shift)``, and maps a
    pixel ``(x, y)`` to

        x' = s * sqrt(a) * (x - cx) + cx + dx
        y' = s / sqrt(a) * (y - cy) + cy + dy

    with ``(cx, cy)`` the image centre. The image is resampled bilinearly
    with ``img_border_value`` outside; segmentation maps by nearest
    neighbour with ``seg_border_value`` (the ignore index) outside, where
    the reference interpolated class ids bilinearly and filled class 0.
    It takes any band count and dtype and does not depend on the crop size.
    The reference fixes the centre at ``(W / 2, H / 2)`` in pixel-index
    coordinates, half a pixel off the true centre ``((W - 1) / 2,
    (H - 1) / 2)`` used here (a shift below 0.05 px at these scales).

    Required keys: ``img``. Modified keys: ``img``, ``gt_seg_map`` and the
    other ``seg_fields``. Added key: ``warp_matrix`` (the 2x3 affine map
    from input to output pixels, None when not applied).

    Args:
        prob (float): Probability of warping. Defaults to 0.5.
        shift (float): Largest shift as a fraction of the side.
            Defaults to 0.1.
        scale (float): Half-width of the scale range. Defaults to 0.1.
        aspect (float): Half-width of the aspect range. Defaults to 0.1.
        img_border_value (float): Image value outside the warped tile.
            Defaults to 0 (the reference's).
        seg_border_value (int): Label outside the warped tile.
            Defaults to 255.
    """

    def __init__(self,
                 prob: float = 0.5,
                 shift: float = 0.1,
                 scale: float = 0.1,
                 aspect: float = 0.1,
                 img_border_value: float = 0,
                 seg_border_value: int = 255) -> None:
        if not 0 <= prob <= 1:
            raise ValueError(f'prob must be in [0, 1], got {prob}')
        if not (0 <= scale < 1 and 0 <= aspect < 1 and shift >= 0):
            raise ValueError('scale and aspect must be in [0, 1) and shift '
                             f'non-negative, got scale={scale}, '
                             f'aspect={aspect}, shift={shift}')
        self.prob = prob
        self.shift = shift
        self.scale = scale
        self.aspect = aspect
        self.img_border_value = img_border_value
        self.seg_border_value = seg_border_value

    @cache_randomness
    def _random_params(self, h: int, w: int) -> Optional[tuple]:
        """``(sx, sy, dx, dy)``, or None when the sample is not warped."""
        if np.random.rand() >= self.prob:
            return None
        s = np.random.uniform(1 - self.scale, 1 + self.scale)
        a = np.random.uniform(1 - self.aspect, 1 + self.aspect)
        dx = round(np.random.uniform(-self.shift, self.shift) * w)
        dy = round(np.random.uniform(-self.shift, self.shift) * h)
        return s * math.sqrt(a), s / math.sqrt(a), dx, dy

    @staticmethod
    def matrix(h: int, w: int, sx: float, sy: float, dx: float,
               dy: float) -> np.ndarray:
        """The 2x3 map from input to output pixel coordinates."""
        cx, cy = (w - 1) / 2, (h - 1) / 2
        return np.array([[sx, 0., cx * (1 - sx) + dx],
                         [0., sy, cy * (1 - sy) + dy]])

    def transform(self, results: Dict) -> Dict:
        img = results['img']
        h, w = img.shape[:2]
        params = self._random_params(h, w)
        if params is None:
            results['warp_matrix'] = None
            return results
        matrix = self.matrix(h, w, *params)
        results['img'] = warp_affine(img, matrix, 'bilinear',
                                     self.img_border_value)
        for key in _seg_keys(results):
            results[key] = warp_affine(results[key], matrix, 'nearest',
                                       self.seg_border_value)
        results['warp_matrix'] = matrix
        return results

    def __repr__(self) -> str:
        return (f'{self.__class__.__name__}(prob={self.prob}, '
                f'shift={self.shift}, scale={self.scale}, '
                f'aspect={self.aspect}, '
                f'img_border_value={self.img_border_value}, '
                f'seg_border_value={self.seg_border_value})')
