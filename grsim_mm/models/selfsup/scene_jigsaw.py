"""Jigsaw puzzles (relative position) on a classification backbone."""
from typing import Dict, List

import torch
from mmpretrain.models.selfsup import BaseSelfSupervisor
from mmpretrain.registry import MODELS
from mmpretrain.structures import DataSample
from torch import Tensor

from ..utils import FollowDataMixin


@MODELS.register_module()
class SceneJigsaw(FollowDataMixin, BaseSelfSupervisor):
    """RSISC's relative-position task: which permutation shuffled the tiles.

    The tiles of ``JigsawTiles`` (2 x 2 with all 24 permutations, or 3 x 3
    with 1000) run through the backbone as one batch of ``B * tiles``
    images; a ``JigsawHead`` pools each tile's last map, embeds it, and
    classifies the concatenated embeddings. The backbone reads the
    preprocessor's bands and the head's ``in_channels`` is the backbone's
    width (:class:`FollowDataMixin`).

    Args:
        backbone (dict): mmpretrain backbone config (its last output is
            used).
        head (dict): ``JigsawHead`` config.
        data_preprocessor (dict, optional): Data preprocessor config.
        init_cfg (dict, optional): Initialisation config.
    """

    def extract_feat(self, inputs: Tensor):
        return self.backbone(inputs)

    def loss(self, inputs: List[Tensor], data_samples: List[DataSample],
             **kwargs) -> Dict[str, Tensor]:
        tiles = torch.stack(list(inputs), dim=1).flatten(0, 1)
        feats = self.backbone(tiles)[-1]
        labels = torch.as_tensor([int(s.jigsaw_label) for s in data_samples],
                                 device=feats.device)
        return self.head.loss(feats, labels)
