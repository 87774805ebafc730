"""Geometric augmentations of the RSISC scene-classification pipelines,
for images of any band count and dtype."""
import math
from typing import Dict, Optional, Sequence, Tuple, Union

import numpy as np
from mmcv.transforms import BaseTransform
from mmcv.transforms.utils import cache_randomness
from mmpretrain.registry import TRANSFORMS

from .image_ops import flip, resize_bilinear, rot90

# RSISC's flip choices: horizontal, vertical, both, and twice none.
FLIP_CHOICES = ('horizontal', 'vertical', 'diagonal', None, None)


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


@TRANSFORMS.register_module()
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


@TRANSFORMS.register_module()
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
        if not 0 <= prob <= 1:
            raise ValueError(f'prob must be in [0, 1], got {prob}')
        self.size = None if size is None else _pair(size)
        self.scale = tuple(scale)
        self.ratio = tuple(ratio)
        self.prob = prob

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


@TRANSFORMS.register_module()
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
        if not 0 <= prob <= 1:
            raise ValueError(f'prob must be in [0, 1], got {prob}')
        self.prob = prob

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
