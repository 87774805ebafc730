"""STICL's "spatial-temporal scene" view: the colours of an image moved onto
those of another image of the unlabelled set by exact optimal transport."""
from typing import Optional, Sequence, Tuple, Union

import numpy as np
from mmcv.transforms import BaseTransform
from mmpretrain.registry import TRANSFORMS

from grsim_mm.utils.colour_transport import SOLVERS, transport_colours

SCENE_TRANSFER_KEY = 'scene_transfer_img'
ValueRange = Union[Tuple[float, float], Sequence[Tuple[float, float]]]


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
            takes ``results['value_range']``, else an integer dtype's range.
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
        if not 0.0 <= prob <= 1.0:
            raise ValueError(f'prob must lie in [0, 1], got {prob}')
        if num_samples < 1:
            raise ValueError(
                f'num_samples must be positive, got {num_samples}')
        if solver not in SOLVERS:
            raise ValueError(
                f'solver must be one of {SOLVERS}, got {solver!r}')
        self.prob = prob
        self.num_samples = num_samples
        self.value_range = value_range
        self.solver = solver
        self.fixed_seed = fixed_seed
        self.released_scaling = released_scaling

    def _value_range(self, results: dict, img: np.ndarray) -> np.ndarray:
        value_range = self.value_range
        if value_range is None:
            value_range = results.get('value_range')
        if value_range is None:
            if not np.issubdtype(img.dtype, np.integer):
                raise ValueError(
                    f'OTSceneTransfer: {img.dtype} image of '
                    f"{results.get('img_path')} has no value range; give "
                    'value_range to the transform or the dataset')
            info = np.iinfo(img.dtype)
            value_range = (info.min, info.max)
        bounds = np.asarray(value_range, np.float64)
        if bounds.shape not in ((2, ), (img.shape[2], 2)):
            raise ValueError(
                f'value_range must be (low, high) or one pair for each of '
                f'the {img.shape[2]} bands, got {value_range}')
        return bounds.reshape(-1, 2)

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
        bounds = self._value_range(results, img)
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
