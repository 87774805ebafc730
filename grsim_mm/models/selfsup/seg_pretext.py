"""Base of the pretext tasks that run on the segmentor's backbone and ASPP."""
from typing import Optional

from mmpretrain.models.selfsup import BaseSelfSupervisor
from torch import Tensor

from ..utils import build_seg_module


class SegPretextSelfSupervisor(BaseSelfSupervisor):
    """A ``BaseSelfSupervisor`` whose ``backbone`` and ``decode_head`` are the
    mmseg modules of the fine-tuning segmentor, so their weights transfer by
    name; ``head`` is the pretext task's own head.

    Args:
        backbone (dict): mmseg backbone config.
        decode_head (dict): mmseg ``DeepLabV3PlusHead`` config (for its
            ASPP).
        head (dict): Config of the pretext head.
        data_preprocessor (dict, optional): Data preprocessor config.
        init_cfg (dict, optional): Initialisation config.
    """

    def __init__(self,
                 backbone: dict,
                 decode_head: dict,
                 head: dict,
                 data_preprocessor: Optional[dict] = None,
                 init_cfg: Optional[dict] = None) -> None:
        super().__init__(
            backbone=build_seg_module(backbone),
            head=head,
            data_preprocessor=data_preprocessor,
            init_cfg=init_cfg)
        self.decode_head = build_seg_module(decode_head)

    def extract_feat(self, inputs: Tensor):
        return self.backbone(inputs)
