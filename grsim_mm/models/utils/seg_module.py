"""Build segmentation modules for the self-supervised algorithms."""
from typing import Union

from mmseg.registry import MODELS as SEG_MODELS
from torch import nn

from .follow_data_bands import PreprocessorLike, follow_data_bands


def build_seg_module(cfg: Union[dict, nn.Module]) -> nn.Module:
    """Build from the mmseg registry whatever the default scope is, so that
    the modules (and their state-dict keys) are exactly the segmentor's."""
    if isinstance(cfg, nn.Module):
        return cfg
    cfg = dict(cfg)
    cfg.setdefault('_scope_', 'mmseg')
    return SEG_MODELS.build(cfg)


def build_seg_backbone(cfg: Union[dict, nn.Module],
                       data_preprocessor: PreprocessorLike,
                       owner: str) -> nn.Module:
    """The segmentor's backbone, its input bands those of the data
    preprocessor (see :func:`follow_data_bands`)."""
    return build_seg_module(follow_data_bands(cfg, data_preprocessor, owner))
