"""DenseCL on the segmentor's backbone and ASPP."""
from typing import Optional

from mmpretrain.models.selfsup import DenseCL
from mmpretrain.registry import MODELS

from .aspp_encoder import ASPPEncoder, SegmentorKeysMixin


@MODELS.register_module()
class SegDenseCL(SegmentorKeysMixin, DenseCL):
    """mmpretrain's DenseCL whose encoder is an mmseg backbone followed by
    the ASPP of a ``DeepLabV3PlusHead``.

    The dense branch matches ASPP locations between the views by their
    cosine similarity (DenseCL's rule) and contrasts the projected grid
    features; the global branch is MoCo v2's. Training is mmpretrain's
    code; checkpoints hold the segmentor's key names, see
    :class:`SegmentorKeysMixin`.

    Args:
        backbone (dict): mmseg backbone config.
        decode_head (dict): mmseg ``DeepLabV3PlusHead`` config.
        **kwargs: Other arguments of mmpretrain's ``DenseCL``.
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
