"""STICL's "spatial-temporal scene" view: the colours of an image moved onto
those of another image of the unlabelled set by exact optimal transport."""
from typing import Optional

import numpy as np
from mmcv.transforms import BaseTransform
from mmpretrain.registry import TRANSFORMS

from grsim_mm.utils.colour_transport import SOLVERS, transport_colours

from ..image_ops import (ValueRange, check_probability, resolve_value_range,
                         value_range_of)

SCENE_TRANSFER_KEY = 'scene_transfer_img'


@TRANSFORMS.register_module()
class OTSceneTransfer(BaseTransform):
    """Transport the image's colours onto those of another image.

    With probability ``prob``, ``num_samples`` pixels are drawn (with
    replacement) from the image and from the other image, the two sample
    sets are matched by an exact optimal assignment under the squared
    Euclidean distance in band space (any band count), and every pixel is
    shifted by the displacement of its nearest source sample. The other
    image is ``results['scene_transfer_img']``, which
    :class:`~grsim_mm.datasets.SceneTransferDataset` fills with a uniformly
    random sample of the same dataset; it is popped here, applied or not,
    so that it travels no further down the pipeline. Size and dtype of the
    image are kept; values are clipped to the value range.

    Random draws use numpy's global generator, as mmcv transforms do, so
    they follow the pipeline's worker seeding. The released code draws the
    sample positions from ``RandomState(42)`` created anew for every image
    (the same positions every time): ``fixed_seed=42`` reproduces it. It
    also scales by 1/256 and back by 255 with truncation, darkening the view
    by about 0.4 %: ``released_scaling=True`` reproduces that (uint8 only).
    With both and a 256x256 uint8 input the output equals the released
    code's bit for bit.

    Required keys: ``img``, ``scene_transfer_img``. Optional:
    ``value_range``. Modified keys: ``img``. Removed keys:
    ``scene_transfer_img``.

    Args:
        prob: Probability of moving the image into the other scene.
        num_samples: Pixels sampled from each image.
        value_range: ``(low, high)`` or one pair per band to clip to. None
            takes ``results['value_range']``, else (0, 255) for 8-bit
            images; other images without one are an error.
        solver: Exact assignment solver, ``'emd'`` or ``'lsa'`` (see
            :func:`grsim_mm.utils.colour_transport.exact_assignment`).
        fixed_seed: Draw the sample positions from a fresh
            ``RandomState(fixed_seed)`` on every call, as the released code.
        released_scaling: Reproduce the released /256 and x255 rounding.
    """

    def __init__(self,
                 prob: float = 0.1,
                 num_samples: int = 1000,
                 value_range: Optional[ValueRange] = None,
                 solver: str = 'emd',
                 fixed_seed: Optional[int] = None,
                 released_scaling: bool = False) -> None:
        if num_samples < 1:
            raise ValueError(
                f'num_samples must be positive, got {num_samples}')
        if solver not in SOLVERS:
            raise ValueError(
                f'solver must be one of {SOLVERS}, got {solver!r}')
        if value_range is not None:
            value_range_of(np.float64, value_range)  # fail at build time
        self.prob = check_probability(prob)
        self.num_samples = num_samples
        self.value_range = value_range
        self.solver = solver
        self.fixed_seed = fixed_seed
        self.released_scaling = released_scaling

    def _bounds(self, results: dict, img: np.ndarray) -> np.ndarray:
        """``(1 or C, 2)`` levels to clip to."""
        value_range = resolve_value_range(img, self.value_range, results,
                                          type(self).__name__)
        lo, hi = value_range_of(img.dtype, value_range)
        return np.stack(np.broadcast_arrays(lo, hi), axis=-1).reshape(-1, 2)

    def transform(self, results: dict) -> dict:
        if SCENE_TRANSFER_KEY not in results:
            raise KeyError(
                f'OTSceneTransfer needs results[{SCENE_TRANSFER_KEY!r}], the '
                'image of the other scene: wrap the dataset in '
                "dict(type='SceneTransferDataset', dataset=...)")
        other = results.pop(SCENE_TRANSFER_KEY)
        if np.random.rand() >= self.prob:
            return results
        img = results['img']
        if img.ndim == 2:
            img = img[..., None]
        if other.ndim == 2:
            other = other[..., None]
        if other.shape[2] != img.shape[2]:
            raise ValueError(
                f"OTSceneTransfer: image {results.get('img_path')} has "
                f'{img.shape[2]} bands but the other scene has '
                f'{other.shape[2]}; both must come from one loader')
        bounds = self._bounds(results, img)
        if self.released_scaling and (img.dtype != np.uint8 or
                                      not np.array_equal(bounds, [[0, 255]])):
            raise ValueError('released_scaling reproduces 8-bit arithmetic '
                             f'and needs uint8 images in 0..255, got '
                             f'{img.dtype} in {bounds.tolist()}')
        rng = (np.random.RandomState(self.fixed_seed)
               if self.fixed_seed is not None else np.random)
        pixels = img.reshape(-1, img.shape[2])
        other_pixels = other.reshape(-1, other.shape[2])
        src_idx = rng.randint(len(pixels), size=self.num_samples)
        tgt_idx = rng.randint(len(other_pixels), size=self.num_samples)
        moved, _ = transport_colours(pixels, pixels[src_idx],
                                     other_pixels[tgt_idx], self.solver)
        if self.released_scaling:
            # clip(v / 256, 0, 1) * 255 truncated, in exact integer form
            moved = np.floor(np.clip(moved, 0, 256) * 255 / 256)
        else:
            moved = np.clip(moved, bounds[:, 0], bounds[:, 1])
        results['img'] = moved.astype(img.dtype).reshape(results['img'].shape)
        return results

    def __repr__(self) -> str:
        return (f'{self.__class__.__name__}(prob={self.prob}, '
                f'num_samples={self.num_samples}, '
                f'value_range={self.value_range}, solver={self.solver!r}, '
                f'fixed_seed={self.fixed_seed}, '
                f'released_scaling={self.released_scaling})')
