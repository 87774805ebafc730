"""Jigsaw puzzle pretext task on the segmentor's backbone and ASPP."""
from typing import Dict, List

import torch
from mmpretrain.registry import MODELS
from mmpretrain.structures import DataSample
from torch import Tensor

from .base_seg_selfsup import BaseSegSelfSupervisor


@MODELS.register_module()
class Jigsaw(BaseSegSelfSupervisor):
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

    requires_head = True

    def loss(self, inputs: List[Tensor], data_samples: List[DataSample],
             **kwargs) -> Dict[str, Tensor]:
        tiles = torch.stack(list(inputs), dim=1).flatten(0, 1)
        aspp = self.decode_head.aspp_forward(self.backbone(tiles))
        labels = self.stack_field(data_samples, 'jigsaw_label', torch.long,
                                  aspp.device).reshape(-1)
        return self.head.loss(aspp, labels)
