"""Inputs and targets of the RSISC reconstruction pretext tasks."""
from typing import Dict, Optional, Sequence

import numpy as np
from mmcv.transforms import BaseTransform
from mmpretrain.registry import TRANSFORMS

from .scene_photometric import band_mean_grey


@TRANSFORMS.register_module()
class CentralMask(BaseTransform):
    """The fixed central hole of RSISC's context-encoder inpainting.

    The hole is the centred ``round(ratio * H) x round(ratio * W)``
    rectangle (RSISC: ratio 0.5, the middle quarter of the area). The image
    is left untouched; the model blanks the hole after normalisation (to the
    band mean) and reconstructs the whole image.

    Required keys: ``img``. Added key: ``hole_mask`` (uint8 ``(H, W)``, 1
    inside the hole), which ``PackInputs(algorithm_keys=['hole_mask'])``
    passes to the model.

    Args:
        ratio: Side of the hole as a fraction of the image side.
    """

    def __init__(self, ratio: float = 0.5) -> None:
        if not 0 < ratio < 1:
            raise ValueError(f'ratio must be in (0, 1), got {ratio}')
        self.ratio = ratio

    def transform(self, results: Dict) -> Dict:
        h, w = results['img'].shape[:2]
        mh, mw = int(round(h * self.ratio)), int(round(w * self.ratio))
        y, x = (h - mh) // 2, (w - mw) // 2
        mask = np.zeros((h, w), dtype=np.uint8)
        mask[y:y + mh, x:x + mw] = 1
        results['hole_mask'] = mask
        return results

    def __repr__(self) -> str:
        return f'{self.__class__.__name__}(ratio={self.ratio})'


@TRANSFORMS.register_module()
class GreyColourPair(BaseTransform):
    """Input and target of colourisation: ``img`` becomes
    ``[grey, colour]``, the grey image being the (weighted) band mean
    repeated into every band, in the image's dtype.

    The grey input keeps the band count, so the backbone that learns from it
    has the first convolution of the network it initialises, and the target
    is the colour image itself (RSISC's released code compares the output
    with its grey input instead, which makes the task an identity).

    Required keys: ``img``. Modified keys: ``img`` (a list of two images),
    packed by ``PackInputs`` as two inputs like two views.

    Args:
        weights: Band weights of the grey image; None for the plain mean,
            e.g. ``(0.299, 0.587, 0.114)`` for the luminance of R, G, B.
    """

    def __init__(self, weights: Optional[Sequence[float]] = None) -> None:
        self.weights = None if weights is None else tuple(weights)

    def transform(self, results: Dict) -> Dict:
        img = results['img']
        if img.ndim != 3:
            raise ValueError('colourisation needs an (H, W, C) image, got '
                             f'shape {img.shape}')
        results['img'] = [band_mean_grey(img, self.weights), img]
        return results

    def __repr__(self) -> str:
        return f'{self.__class__.__name__}(weights={self.weights})'
