"""An mmseg backbone + ASPP as one mmpretrain "backbone", for algorithms
taken unchanged from mmpretrain (MoCo v2, DenseCL)."""
from collections import OrderedDict
from typing import Optional, Tuple, Union

from mmengine.model import BaseModule
from mmpretrain.registry import MODELS
from torch import Tensor, nn

from ..utils import (build_seg_backbone, build_seg_module,
                     follow_backbone_channels)

_PREFIXES = ('backbone.', 'decode_head.')


@MODELS.register_module()
class ASPPEncoder(BaseModule):
    """The segmentor's backbone followed by the ASPP of its decode head.

    mmpretrain's MoCo and DenseCL call ``self.backbone(img)`` and expect a
    tuple of maps; this module returns ``(aspp_map, )`` (256 channels at
    the backbone's output stride), so the baselines of the GLCNet paper
    contrast exactly the features GLCNet's global branch sees.

    The modules are built as :class:`BaseSegSelfSupervisor` builds them:
    from the mmseg registry, the backbone's input bands those of the data
    preprocessor (see :func:`~grsim_mm.models.utils.follow_data_bands`).

    Args:
        backbone (dict | nn.Module): mmseg backbone config; ``in_channels``
            may be left out when ``data_preprocessor`` is given.
        decode_head (dict | nn.Module): mmseg ``DeepLabV3PlusHead`` config.
        data_preprocessor (dict | nn.Module, optional): The algorithm's data
            preprocessor, whose per-band mean gives the band count.
    """

    def __init__(self,
                 backbone: Union[dict, nn.Module],
                 decode_head: Union[dict, nn.Module],
                 data_preprocessor: Optional[Union[dict, nn.Module]] = None
                 ) -> None:
        super().__init__()
        self.backbone = build_seg_backbone(backbone, data_preprocessor,
                                           type(self).__name__)
        self.decode_head = build_seg_module(
            follow_backbone_channels(decode_head, self.backbone,
                                     type(self).__name__))

    def forward(self, inputs: Tensor) -> Tuple[Tensor]:
        return (self.decode_head.aspp_forward(self.backbone(inputs)), )


class SegmentorKeysMixin:
    """Give an algorithm whose ``backbone`` is an :class:`ASPPEncoder` the
    state-dict keys of the segmentor.

    Checkpoints then hold ``backbone.*`` and ``decode_head.*`` (not
    ``backbone.backbone.*``), so they fine-tune through the same
    initialiser as GLCNet's; loading (e.g. to resume) maps the keys back.
    Keys of other modules, such as MoCo's momentum copy, are unchanged.
    Call :meth:`_register_segmentor_key_hooks` at the end of ``__init__``.
    """

    def _register_segmentor_key_hooks(self) -> None:
        self.register_state_dict_post_hook(_flatten_encoder_keys)
        self.register_load_state_dict_pre_hook(_nest_encoder_keys)


def _flatten_encoder_keys(module: nn.Module, state_dict: OrderedDict,
                          prefix: str, local_metadata: dict) -> None:
    inner = prefix + 'backbone.'
    renamed = OrderedDict()
    for key, value in state_dict.items():
        if key.startswith(tuple(inner + p for p in _PREFIXES)):
            key = prefix + key[len(inner):]
        renamed[key] = value
    state_dict.clear()
    state_dict.update(renamed)


def _nest_encoder_keys(module: nn.Module, state_dict: OrderedDict,
                       prefix: str, *args) -> None:
    if not any(k.startswith(prefix + 'decode_head.') for k in state_dict):
        return  # already nested
    for key in list(state_dict):
        if key.startswith(tuple(prefix + p for p in _PREFIXES)):
            new_key = prefix + 'backbone.' + key[len(prefix):]
            state_dict[new_key] = state_dict.pop(key)
