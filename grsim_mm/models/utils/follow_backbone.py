"""The decode head follows the backbone: its input widths are the widths of
the backbone stages it reads."""
import copy
import inspect
from typing import Dict, List, Optional, Sequence, Union

from mmseg.registry import MODELS as SEG_MODELS
from torch import nn


def stage_channels(backbone: nn.Module) -> Optional[List[int]]:
    """Output channels of every stage of an mmseg/mmpretrain ResNet-style
    backbone (``base_channels * 2**i * expansion``); None for a backbone
    whose widths cannot be read off its attributes."""
    block = getattr(backbone, 'block', None)
    base = getattr(backbone, 'base_channels', None)
    stages = getattr(backbone, 'stage_blocks', None)
    # mmpretrain keeps the expansion on the backbone, mmseg on the block
    expansion = getattr(backbone, 'expansion',
                        getattr(block, 'expansion', None))
    if expansion is None or base is None or stages is None:
        return None
    return [base * 2**i * expansion for i in range(len(stages))]


def output_channels(backbone: nn.Module) -> Optional[List[int]]:
    """Channels of every output of an mmseg/mmpretrain backbone, in
    ``out_indices`` order: ResNet-style stage widths, Swin's
    ``num_features`` or a ViT's ``embed_dims``; None when unknown."""
    out_indices = getattr(backbone, 'out_indices', None)
    if out_indices is None:
        return None
    widths = stage_channels(backbone) or getattr(backbone, 'num_features',
                                                 None)
    if isinstance(widths, (list, tuple)):
        return [int(widths[i]) for i in out_indices]
    embed_dims = getattr(backbone, 'embed_dims', None)
    if isinstance(embed_dims, int):
        return [embed_dims] * len(out_indices)
    return None


def _pick(channels: List[int], index: Union[int, Sequence[int]]):
    if isinstance(index, int):
        return channels[index]
    return type(index)(channels[i] for i in index)


# decode-head argument -> the argument holding the stage index it reads
# (an int means that fixed stage)
_WIDTH_KEYS = {
    'in_channels': 'in_index',
    'c1_in_channels': 0,  # DeepLabV3+'s low-level skip: the first stage
    'fusion_in_channels': 'fusion_in_index',
}


def init_defaults(cls: type) -> Dict[str, object]:
    """The ``__init__`` arguments of a class and its bases, with their
    defaults (``inspect.Parameter.empty`` where there is none)."""
    args = {}
    for klass in reversed(cls.__mro__):
        init = klass.__dict__.get('__init__')
        if init is None:
            continue
        for name, param in inspect.signature(init).parameters.items():
            if param.kind in (param.POSITIONAL_OR_KEYWORD,
                              param.KEYWORD_ONLY):
                args[name] = param.default
    return args


def follow_backbone_channels(head_cfg: Union[dict, nn.Module],
                             backbone: nn.Module, owner: str) -> dict:
    """A copy of ``head_cfg`` whose missing input widths (``in_channels``,
    DeepLabV3+'s ``c1_in_channels``, a fusion head's
    ``fusion_in_channels``) are the widths of the backbone stages they read.

    With this, swapping ResNet-50 for ResNet-18 is one line
    (``backbone=dict(depth=18)``). Widths given in the config are kept.

    Raises:
        ValueError: A width is missing and the backbone's stage widths are
            unknown.
    """
    if isinstance(head_cfg, nn.Module):
        return head_cfg
    cfg = copy.deepcopy(head_cfg)
    head_type = cfg.get('type')
    cls = head_type if inspect.isclass(head_type) else SEG_MODELS.get(
        head_type)
    if cls is None:
        return cfg  # let the registry report the unknown type
    accepted = init_defaults(cls)
    missing = [
        key for key in _WIDTH_KEYS
        if key in accepted and cfg.get(key) is None
    ]
    if not missing:
        return cfg
    channels = stage_channels(backbone)
    if channels is None:
        raise ValueError(
            f'{owner}: decode_head.{missing[0]} is not set and the stage '
            f'widths of {type(backbone).__name__} are unknown; set it in '
            'the config')
    for key in missing:
        index = _WIDTH_KEYS[key]
        if isinstance(index, str):
            index = cfg.get(index, accepted.get(index, -1))
        cfg[key] = _pick(channels, index)
    return cfg
