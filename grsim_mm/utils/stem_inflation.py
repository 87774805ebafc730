"""Inflate the RGB stem of pretrained weights to a dataset's band count.

Natural-image weights (ImageNet-supervised, or a first self-supervised stage
on natural images) have a first convolution with 3 input channels. For a
dataset with ``num_bands`` bands, the inflated filter of every output
channel is

    W'[:, rgb_bands[c]] = (3 / num_bands) * W[:, c]        for c = R, G, B
    W'[:, other band]   = (3 / num_bands) * mean_c W[:, c]

The RGB filters land in the bands the band mapping marks as red, green and
blue; every other band starts from the mean RGB filter. The factor
``3 / num_bands`` keeps the activation scale: for an input whose bands all
hold the same (normalised) value, the inflated stem gives exactly the
pre-activation of the original stem, since the sum over input channels of
the unscaled filter grows from ``3 * mean`` to ``num_bands * mean``.
"""
from typing import Dict, Optional, Sequence, Tuple

import torch

# stem keys of the naming schemes the toolbox loads: torchvision's ResNet,
# and OpenMMLab's ResNet as a backbone (mmpretrain, mmseg), optionally under
# a wrapper's prefix (a classifier's, a segmentor's or MoCo's)
STEM_KEYS = ('conv1.weight', 'backbone.conv1.weight')
RGB_NAMES = {'red': 0, 'r': 0, 'green': 1, 'g': 1, 'blue': 2, 'b': 2}


def find_rgb_bands(band_names: Sequence[str]
                   ) -> Optional[Tuple[int, int, int]]:
    """0-based indices of the bands named red, green and blue (or R, G, B;
    case-insensitive); None when one of the three is not named."""
    found = {}
    for i, name in enumerate(band_names):
        c = RGB_NAMES.get(str(name).strip().lower())
        if c is None:
            continue
        if c in found:
            raise ValueError(f'band_names {list(band_names)} name '
                             f"{('red', 'green', 'blue')[c]} twice")
        found[c] = i
    if len(found) != 3:
        return None
    return found[0], found[1], found[2]


def rgb_bands_from_names(band_names: Sequence[str]) -> Tuple[int, int, int]:
    """0-based indices of the bands named red, green and blue (or R, G, B;
    case-insensitive), for datasets that state ``band_names``."""
    found = find_rgb_bands(band_names)
    if found is None:
        named = {RGB_NAMES.get(str(n).strip().lower()) for n in band_names}
        missing = [
            n for c, n in enumerate(('red', 'green', 'blue'))
            if c not in named
        ]
        raise ValueError(
            f'band_names {list(band_names)} do not name the {missing} '
            'band(s); give rgb_bands=(r, g, b) as 0-based band indices')
    return found


def _check_mapping(rgb_bands: Optional[Sequence[int]],
                   num_bands: int) -> Tuple[int, int, int]:
    if rgb_bands is None:
        raise ValueError(
            f'Inflating an RGB stem to {num_bands} bands needs the band '
            'mapping rgb_bands=(r, g, b): the 0-based indices of the red, '
            'green and blue bands of the dataset')
    bands = tuple(int(b) for b in rgb_bands)
    if len(bands) != 3 or len(set(bands)) != 3:
        raise ValueError(f'rgb_bands must be three distinct band indices '
                         f'(red, green, blue), got {tuple(rgb_bands)}')
    bad = [b for b in bands if not 0 <= b < num_bands]
    if bad:
        raise ValueError(
            f'rgb_bands {bands}: indices {bad} do not exist in data with '
            f'{num_bands} bands (indices are 0-based)')
    return bands


def inflate_stem(weight: torch.Tensor, num_bands: int,
                 rgb_bands: Optional[Sequence[int]]) -> torch.Tensor:
    """Inflate an ``(O, 3, k, k)`` filter bank to ``(O, num_bands, k, k)``.

    Args:
        weight: The pretrained RGB stem, channels in R, G, B order.
        num_bands: Band count of the dataset.
        rgb_bands: 0-based indices of the dataset's red, green and blue
            bands.

    Raises:
        ValueError: The weight is not an RGB stem, or the band mapping is
            missing, repeated or out of range.
    """
    if weight.ndim != 4 or weight.shape[1] != 3:
        raise ValueError('inflate_stem expects an RGB filter bank of shape '
                         f'(out, 3, k, k), got {tuple(weight.shape)}')
    r, g, b = _check_mapping(rgb_bands, num_bands)
    mean = weight.mean(1, keepdim=True)
    out = mean.expand(-1, num_bands, -1, -1).clone()
    out[:, [r, g, b]] = weight
    return out * (3.0 / num_bands)


def inflate_state_dict_stem(
        state_dict: Dict[str, torch.Tensor],
        num_bands: int,
        rgb_bands: Optional[Sequence[int]],
        key: Optional[str] = None,
        source: str = 'checkpoint') -> Dict[str, torch.Tensor]:
    """Return a copy of ``state_dict`` with its RGB stem inflated.

    Args:
        state_dict: Weights in torchvision (``conv1.weight``) or OpenMMLab
            (``backbone.conv1.weight``) naming.
        num_bands: Band count of the dataset.
        rgb_bands: See :func:`inflate_stem`.
        key: The stem's key, for other naming schemes.
        source: Name of the checkpoint, for error messages.

    Raises:
        KeyError: No stem key is found (naming the keys tried).
        ValueError: The stem is neither RGB nor already ``num_bands`` wide,
            or the mapping is bad.
    """
    keys = (key, ) if key is not None else STEM_KEYS
    found = [k for k in keys if k in state_dict]
    if len(found) != 1:
        what = 'no' if not found else 'more than one'
        raise KeyError(f'{source}: {what} stem weight among {list(keys)}; '
                       'pass key= with the name of the first convolution')
    stem = state_dict[found[0]]
    if stem.ndim == 4 and stem.shape[1] == num_bands and num_bands != 3:
        raise ValueError(
            f'{source}: stem {found[0]} already has {num_bands} input '
            'channels; it is not an RGB stem and needs no inflation')
    try:
        inflated = inflate_stem(stem, num_bands, rgb_bands)
    except ValueError as e:
        raise ValueError(f'{source}: {found[0]}: {e}') from e
    out = dict(state_dict)
    out[found[0]] = inflated.to(stem.dtype)
    return out
