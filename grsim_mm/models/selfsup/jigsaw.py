"""Jigsaw puzzle pretext task on the segmentor's backbone and ASPP."""
from typing import Dict, List, Optional

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
    batch of ``B * 9`` images (BatchNorm statistics over all tiles), or,
    with ``per_slot_bn``, in one pass per puzzle position over the ``B``
    tiles at that position, as the reference runs them (BatchNorm
    statistics per position); a ``JigsawHead`` classifies the concatenated
    tile embeddings.

    Args:
        backbone (dict): mmseg backbone config.
        decode_head (dict): mmseg ``DeepLabV3PlusHead`` config (for its
            ASPP).
        head (dict): ``JigsawHead`` config.
        per_slot_bn (bool): One pass per puzzle position. Defaults to
            False (one pass, faster).
        data_preprocessor (dict, optional): Data preprocessor config.
        init_cfg (dict, optional): Initialisation config.
    """

    requires_head = True

    def __init__(self,
                 backbone: dict,
                 decode_head: dict,
                 head: Optional[dict] = None,
                 per_slot_bn: bool = False,
                 data_preprocessor: Optional[dict] = None,
                 init_cfg: Optional[dict] = None) -> None:
        super().__init__(backbone, decode_head, head,
                         data_preprocessor=data_preprocessor,
                         init_cfg=init_cfg)
        self.per_slot_bn = per_slot_bn

    def tile_features(self, inputs: List[Tensor]) -> Tensor:
        """ASPP maps of the tiles, ``(B * num_tiles, C, h, w)`` image-major,
        from the per-position batches ``inputs`` (each ``(B, C, H, W)``)."""
        if self.per_slot_bn:
            maps = [
                self.decode_head.aspp_forward(self.backbone(tiles))
                for tiles in inputs
            ]
            return torch.stack(maps, dim=1).flatten(0, 1)
        tiles = torch.stack(list(inputs), dim=1).flatten(0, 1)
        return self.decode_head.aspp_forward(self.backbone(tiles))

    def loss(self, inputs: List[Tensor], data_samples: List[DataSample],
             **kwargs) -> Dict[str, Tensor]:
        aspp = self.tile_features(inputs)
        labels = self.stack_field(data_samples, 'jigsaw_label', torch.long,
                                  aspp.device).reshape(-1)
        return self.head.loss(aspp, labels)
