"""Jigsaw puzzle pretext task on the segmentor's backbone and ASPP."""
from typing import Dict, List, Optional

import torch
from mmpretrain.models.selfsup import BaseSelfSupervisor
from mmpretrain.registry import MODELS
from mmpretrain.structures import DataSample
from torch import Tensor

from .glcnet import _build_seg_module


@MODELS.register_module()
class Jigsaw(BaseSelfSupervisor):
    """Predict which permutation shuffled the tiles of a 3x3 puzzle (the
    GLCNet paper's jigsaw baseline).

    The tiles of ``JigsawTiles`` run through the backbone and ASPP as one
    batch of ``B * 9`` images (BatchNorm statistics over all tiles); a
    ``JigsawHead`` classifies the concatenated tile embeddings.

    Args:
        backbone (dict): mmseg backbone config.
        decode_head (dict): mmseg ``DeepLabV3PlusHead`` config (for its
            ASPP).
        head (dict): ``JigsawHead`` config.
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
            backbone=_build_seg_module(backbone),
            head=head,
            data_preprocessor=data_preprocessor,
            init_cfg=init_cfg)
        self.decode_head = _build_seg_module(decode_head)

    def extract_feat(self, inputs: Tensor):
        return self.backbone(inputs)

    def loss(self, inputs: List[Tensor], data_samples: List[DataSample],
             **kwargs) -> Dict[str, Tensor]:
        tiles = torch.stack(list(inputs), dim=1).flatten(0, 1)
        aspp = self.decode_head.aspp_forward(self.backbone(tiles))
        labels = torch.as_tensor(
            [int(s.jigsaw_label) for s in data_samples],
            device=aspp.device)
        return self.head.loss(aspp, labels)
