"""Greyscale for any band count: no luminance weights exist for arbitrary
bands, so grey is one random band (``RandomGrey``, GLCNet) or the band mean
(``RandomMeanGrey``, RSISC), copied into every band so that the band count
stays what the network takes."""
from typing import Dict, Optional, Sequence

import numpy as np
from mmcv.transforms import BaseTransform
from mmcv.transforms.utils import cache_randomness
from mmpretrain.registry import TRANSFORMS as PRETRAIN_TRANSFORMS
from mmseg.registry import TRANSFORMS as SEG_TRANSFORMS

from ..image_ops import check_probability, grey


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
        self.prob = check_probability(prob)

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


@PRETRAIN_TRANSFORMS.register_module()
class RandomMeanGrey(BaseTransform):
    """With probability ``prob``, replace every band by the mean of all
    bands (RSISC's ``RandomGrayscale('mean')``, without its cast to uint8).

    Required keys: ``img``. Modified keys: ``img``.

    Args:
        prob: Probability of the conversion. Defaults to 0.2.
    """

    def __init__(self, prob: float = 0.2) -> None:
        self.prob = check_probability(prob)

    @cache_randomness
    def _do(self) -> bool:
        return np.random.rand() < self.prob

    def transform(self, results: Dict) -> Dict:
        img = results['img']
        if img.ndim == 3 and self._do():
            results['img'] = band_mean_grey(img)
        return results

    def __repr__(self) -> str:
        return f'{self.__class__.__name__}(prob={self.prob})'


def band_mean_grey(img: np.ndarray,
                   weights: Optional[Sequence[float]] = None) -> np.ndarray:
    """The (weighted) mean of the bands, repeated into every band, in the
    image's dtype (rounded for integer dtypes)."""
    if weights is None:
        grey = img.mean(axis=2, dtype=np.float64)
    else:
        w = np.asarray(weights, dtype=np.float64)
        if w.shape != (img.shape[2], ):
            raise ValueError(f'{w.size} grey weights for an image of '
                             f'{img.shape[2]} bands')
        grey = img.astype(np.float64) @ (w / w.sum())
    if np.issubdtype(img.dtype, np.integer):
        grey = np.rint(grey)
    return np.repeat(grey.astype(img.dtype)[..., None], img.shape[2], axis=2)
