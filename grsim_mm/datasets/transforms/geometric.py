"""Geometric augmentation for images of any band count and dtype.

- ``RandomRot90``: right-angle rotations of images and labels (fine-tuning);
  they need no interpolation, so labels stay exact;
- ``RandomScaleAspectCrop``, ``RandomRot90Flip``, ``SceneResize``: the
  random-resized crop, the flips and rotations of the RSISC
  scene-classification views, and the evaluation resize.

The band-agnostic flips, rotations and resizing they use live in
:mod:`.image_ops`; the random crops, flips and rotations of the two
pretraining views are in :mod:`.two_view.paired_views`.
"""
import math
from typing import Dict, Optional, Sequence, Tuple, Union

import numpy as np
from mmcv.transforms import BaseTransform
from mmcv.transforms.utils import cache_randomness
from mmpretrain.registry import TRANSFORMS as PRETRAIN_TRANSFORMS
from mmseg.registry import TRANSFORMS as SEG_TRANSFORMS

from .image_ops import (check_probability, flip, resize_bilinear, rot90,
                        warp_affine)

# RSISC's flip choices: horizontal, vertical, both, and twice none.
FLIP_CHOICES = ('horizontal', 'vertical', 'diagonal', None, None)


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
        if len(choices) == 0:
            raise ValueError('choices must not be empty')
        self.prob = check_probability(prob)
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


def _pair(size: Union[int, Sequence[int]]) -> Tuple[int, int]:
    if isinstance(size, int):
        return size, size
    h, w = size
    return int(h), int(w)


def output_size(size: Optional[Tuple[int, int]],
                results: Dict) -> Tuple[int, int]:
    """The transform's ``size``, else the dataset's ``input_size`` (the
    network input side of the scene protocols, set by ``RSISceneDataset``
    from its preset)."""
    if size is not None:
        return size
    if results.get('input_size') is None:
        raise ValueError(
            f'{results.get("img_path", "sample")}: no output size: give the '
            'transform a size, or the dataset an input_size (scene presets '
            'have one)')
    return _pair(results['input_size'])


@PRETRAIN_TRANSFORMS.register_module()
class SceneResize(BaseTransform):
    """Resize the whole image to ``size`` (bilinear), any band count and
    dtype: the evaluation transform of the RSISC and TOV protocols.

    Required keys: ``img`` (and ``input_size`` without ``size``). Modified
    keys: ``img``, ``img_shape``.

    Args:
        size: Output ``(h, w)`` or side; None for the dataset's
            ``input_size``.
    """

    def __init__(self, size: Optional[Union[int, Sequence[int]]] = None
                 ) -> None:
        self.size = None if size is None else _pair(size)

    def transform(self, results: Dict) -> Dict:
        size = output_size(self.size, results)
        results['img'] = resize_bilinear(results['img'], size)
        results['img_shape'] = size
        return results

    def __repr__(self) -> str:
        return f'{self.__class__.__name__}(size={self.size})'


@PRETRAIN_TRANSFORMS.register_module()
class RandomScaleAspectCrop(BaseTransform):
    """With probability ``prob`` a random-resized crop, else the whole
    image, resized to ``size`` (bilinear).

    The crop has ``scale`` of the image area and an aspect ratio drawn
    log-uniformly from ``ratio``, as torchvision's ``RandomResizedCrop``;
    after 10 failed draws it falls back to the largest centred crop with a
    ratio inside ``ratio`` (the RSISC code swaps width and height in this
    fallback's offsets; here it is centred).

    Required keys: ``img`` (and ``input_size`` without ``size``). Modified
    keys: ``img``, ``img_shape``. Added key: ``crop_bbox`` (``(x1, y1, x2,
    y2)`` of the region used).

    Args:
        size: Output ``(h, w)`` or side; None for the dataset's
            ``input_size``.
        scale: Range of the crop area as a fraction of the image.
        ratio: Range of the crop's width / height.
        prob: Probability of cropping. Defaults to 0.8 (RSISC).
    """

    def __init__(self,
                 size: Optional[Union[int, Sequence[int]]] = None,
                 scale: Tuple[float, float] = (0.5, 1.0),
                 ratio: Tuple[float, float] = (3. / 4., 4. / 3.),
                 prob: float = 0.8) -> None:
        if not 0 < scale[0] <= scale[1] <= 1:
            raise ValueError(f'scale must be 0 < low <= high <= 1, got '
                             f'{scale}')
        if not 0 < ratio[0] <= ratio[1]:
            raise ValueError(f'ratio must be 0 < low <= high, got {ratio}')
        self.size = None if size is None else _pair(size)
        self.scale = tuple(scale)
        self.ratio = tuple(ratio)
        self.prob = check_probability(prob)

    @cache_randomness
    def _crop_box(self, h: int, w: int) -> Tuple[int, int, int, int]:
        if np.random.rand() >= self.prob:
            return 0, 0, w, h
        area = h * w
        log_ratio = (math.log(self.ratio[0]), math.log(self.ratio[1]))
        for _ in range(10):
            target = area * np.random.uniform(*self.scale)
            aspect = math.exp(np.random.uniform(*log_ratio))
            cw = int(round(math.sqrt(target * aspect)))
            ch = int(round(math.sqrt(target / aspect)))
            if 0 < cw <= w and 0 < ch <= h:
                y = np.random.randint(0, h - ch + 1)
                x = np.random.randint(0, w - cw + 1)
                return x, y, x + cw, y + ch
        aspect = w / h
        if aspect < self.ratio[0]:
            cw, ch = w, int(round(w / self.ratio[0]))
        elif aspect > self.ratio[1]:
            ch, cw = h, int(round(h * self.ratio[1]))
        else:
            cw, ch = w, h
        x, y = (w - cw) // 2, (h - ch) // 2
        return x, y, x + cw, y + ch

    def transform(self, results: Dict) -> Dict:
        img = results['img']
        size = output_size(self.size, results)
        x1, y1, x2, y2 = self._crop_box(*img.shape[:2])
        results['img'] = resize_bilinear(
            np.ascontiguousarray(img[y1:y2, x1:x2]), size)
        results['img_shape'] = size
        results['crop_bbox'] = (x1, y1, x2, y2)
        return results

    def __repr__(self) -> str:
        return (f'{self.__class__.__name__}(size={self.size}, '
                f'scale={self.scale}, ratio={self.ratio}, prob={self.prob})')


@PRETRAIN_TRANSFORMS.register_module()
class RandomRot90Flip(BaseTransform):
    """With probability ``prob``, a flip drawn from horizontal, vertical,
    both or none (none twice as likely, as in RSISC), then a rotation by a
    uniform multiple of 90 degrees counter-clockwise.

    Required keys: ``img``. Modified keys: ``img``, ``img_shape``. Added
    keys: ``flip_direction`` (None if not flipped), ``rot90`` (k).

    Args:
        prob: Probability of drawing a flip and a rotation. Defaults to 0.5.
    """

    def __init__(self, prob: float = 0.5) -> None:
        self.prob = check_probability(prob)

    @cache_randomness
    def _random_params(self) -> Tuple[Optional[str], int]:
        if np.random.rand() >= self.prob:
            return None, 0
        return (FLIP_CHOICES[np.random.randint(len(FLIP_CHOICES))],
                int(np.random.randint(4)))

    def transform(self, results: Dict) -> Dict:
        direction, k = self._random_params()
        results['img'] = rot90(flip(results['img'], direction), k)
        results['img_shape'] = results['img'].shape[:2]
        results['flip_direction'] = direction
        results['rot90'] = k
        return results

    def __repr__(self) -> str:
        return f'{self.__class__.__name__}(prob={self.prob})'
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
        if not (0 <= scale < 1 and 0 <= aspect < 1 and shift >= 0):
            raise ValueError('scale and aspect must be in [0, 1) and shift '
                             f'non-negative, got scale={scale}, '
                             f'aspect={aspect}, shift={shift}')
        self.prob = check_probability(prob)
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
