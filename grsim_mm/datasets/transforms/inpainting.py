"""Random square holes for the inpainting pretext task."""
from typing import Dict

import numpy as np
from mmcv.transforms import BaseTransform
from mmpretrain.registry import TRANSFORMS

# Rejection draws per hole before overlaps with earlier holes are allowed.
_MAX_TRIES = 100


@TRANSFORMS.register_module()
class RandomHoles(BaseTransform):
    """Draw ``num_holes`` square holes per sample for inpainting.

    Unlike the reference, which draws one set of masks per epoch and reuses
    it for every batch, every call draws new holes, so no two samples share
    a mask. Holes lie inside the image and do not overlap each other, so the
    mask covers exactly ``num_holes * hole_size**2`` pixels; if a hole cannot
    be placed apart from the earlier ones in ``100`` draws (images too small
    for the holes), it may overlap them.

    The image itself is left untouched: the model blanks the holes after
    normalisation, so the target is the unmasked input.

    Required keys: ``img``.

    Added keys: ``hole_mask`` (np.ndarray, uint8 ``(H, W)``, 1 inside holes),
    ``holes`` (np.ndarray, int64 ``(num_holes, 4)``, ``(x1, y1, x2, y2)``
    half-open).

    Args:
        num_holes (int): Holes per image. Defaults to 16.
        hole_size (int): Side of the square holes in pixels. Defaults to 16.
    """

    def __init__(self, num_holes: int = 16, hole_size: int = 16) -> None:
        if num_holes < 1 or hole_size < 1:
            raise ValueError('num_holes and hole_size must be positive')
        self.num_holes = num_holes
        self.hole_size = hole_size

    def _draw(self, h: int, w: int) -> np.ndarray:
        size = self.hole_size
        holes = np.zeros((self.num_holes, 4), dtype=np.int64)
        for i in range(self.num_holes):
            for _ in range(_MAX_TRIES):
                x, y = np.random.randint(w - size + 1), np.random.randint(
                    h - size + 1)
                prev = holes[:i]
                apart = ((np.abs(prev[:, 0] - x) >= size) |
                         (np.abs(prev[:, 1] - y) >= size))
                if apart.all():
                    break
            holes[i] = (x, y, x + size, y + size)
        return holes

    def transform(self, results: Dict) -> Dict:
        h, w = results['img'].shape[:2]
        if h < self.hole_size or w < self.hole_size:
            raise ValueError(f'{self.hole_size} px holes do not fit into a '
                             f'{h}x{w} image')
        holes = self._draw(h, w)
        mask = np.zeros((h, w), dtype=np.uint8)
        for x1, y1, x2, y2 in holes:
            mask[y1:y2, x1:x2] = 1
        results['hole_mask'] = mask
        results['holes'] = holes
        return results

    def __repr__(self) -> str:
        return (f'{self.__class__.__name__}(num_holes={self.num_holes}, '
                f'hole_size={self.hole_size})')
