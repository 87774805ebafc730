"""Geometric transforms that keep pixels on the grid.

Right-angle rotations need no interpolation, so labels stay exact. The
band-agnostic flips, rotations and resizing they use live in
:mod:`.image_ops`; the random crops, flips and rotations of the two
pretraining views are in :mod:`.two_view.paired_views`.
"""
from typing import Dict, Sequence

import numpy as np
from mmcv.transforms import BaseTransform
from mmcv.transforms.utils import cache_randomness
from mmpretrain.registry import TRANSFORMS as PRETRAIN_TRANSFORMS
from mmseg.registry import TRANSFORMS as SEG_TRANSFORMS

from .image_ops import rot90


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
