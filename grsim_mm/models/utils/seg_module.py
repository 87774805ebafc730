"""Build segmentation modules for the self-supervised algorithms."""
from typing import Union

from mmseg.registry import MODELS as SEG_MODELS
from torch import nn


def build_seg_module(cfg: Union[dict, nn.Module]) -> nn.Module:
    """Build from the mmseg registry whatever the default scope is, so that
    the modules (and their state-dict keys) are exactly the segmentor's."""
    if isinstance(cfg, nn.Module):
        return cfg
    cfg = dict(cfg)
    cfg.setdefault('_scope_', 'mmseg')
    return SEG_MODELS.build(cfg)
