"""The model follows the data: the backbone's input bands are the bands
the data preprocessor normalises."""
import copy
from typing import Optional, Union

from torch import nn

PreprocessorLike = Optional[Union[dict, nn.Module]]


def data_band_count(data_preprocessor: PreprocessorLike) -> Optional[int]:
    """Number of per-band means of a data preprocessor (config or module),
    None when it has no normalisation to count."""
    if data_preprocessor is None:
        return None
    if isinstance(data_preprocessor, nn.Module):
        if not getattr(data_preprocessor, '_enable_normalize', True):
            return None
        mean = getattr(data_preprocessor, 'mean', None)
        return None if mean is None else int(mean.numel())
    mean = data_preprocessor.get('mean')
    return None if mean is None else len(mean)


def follow_data_bands(backbone_cfg: dict, data_preprocessor: PreprocessorLike,
                      owner: str) -> dict:
    """A copy of ``backbone_cfg`` whose ``in_channels`` is the band count of
    ``data_preprocessor`` (the length of its per-band ``mean``).

    A dataset setting states its bands once, in the preprocessor's
    statistics; a model config then carries no band count. An explicit
    ``in_channels`` must agree with that count, except that a single mean
    shared by all bands says nothing about their number. A backbone that is
    already a module is returned as it is.

    Args:
        backbone_cfg: Backbone config, with or without ``in_channels``.
        data_preprocessor: The model's data preprocessor (config or module).
        owner: Name of the model, for the error messages.

    Raises:
        ValueError: ``in_channels`` disagrees with the preprocessor, or
            neither states the band count.
    """
    if isinstance(backbone_cfg, nn.Module):
        return backbone_cfg
    count = data_band_count(data_preprocessor)
    in_channels = backbone_cfg.get('in_channels')
    if in_channels is None:
        if count is None:
            raise ValueError(
                f'{owner}: the backbone has no in_channels and there is no '
                'data preprocessor with a per-band mean to take the band '
                'count from; give the model the data_preprocessor of the '
                'dataset setting, or set backbone.in_channels')
        cfg = copy.deepcopy(backbone_cfg)
        cfg['in_channels'] = count
        return cfg
    if count is not None and count not in (1, in_channels):
        raise ValueError(
            f'{owner}: backbone.in_channels is {in_channels} but the data '
            f'preprocessor normalises {count} bands (one mean per band); '
            'remove backbone.in_channels so the model follows the data, or '
            'make the two agree')
    return backbone_cfg
