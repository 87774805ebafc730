"""MoCo v2 on the segmentor's backbone and ASPP."""
from typing import Optional

from mmpretrain.models.selfsup import MoCo
from mmpretrain.registry import MODELS

from .aspp_encoder import ASPPEncoder, SegmentorKeysMixin


@MODELS.register_module()
class SegMoCo(SegmentorKeysMixin, MoCo):
    """mmpretrain's MoCo (v2 with ``MoCoV2Neck``) whose query encoder is an
    mmseg backbone followed by the ASPP of a ``DeepLabV3PlusHead``.

    The training step is mmpretrain's, unchanged: the momentum update runs
    before the key forward pass, keys come from the momentum copy of encoder
    and neck, logits ``[l_pos || l_neg] / T`` go through cross-entropy. Only
    the construction differs: ``backbone`` and ``decode_head`` are given
    separately, as for GLCNet, and the checkpoint stores the query encoder
    under the segmentor's names (``backbone.*``, ``decode_head.*``); the
    momentum encoder stays under ``encoder_k.*``.

    Args:
        backbone (dict): mmseg backbone config.
        decode_head (dict): mmseg ``DeepLabV3PlusHead`` config.
        **kwargs: Other arguments of mmpretrain's ``MoCo`` (``neck``,
            ``head``, ``queue_len``, ``feat_dim``, ``momentum`` as ``1 - m``).
    """

    def __init__(self,
                 backbone: dict,
                 decode_head: dict,
                 data_preprocessor: Optional[dict] = None,
                 **kwargs) -> None:
        super().__init__(
            backbone=ASPPEncoder(backbone, decode_head, data_preprocessor),
            data_preprocessor=data_preprocessor,
            **kwargs)
        self._register_segmentor_key_hooks()
