"""Classifier of the jigsaw pretext task."""
from typing import Optional

import torch
from mmengine.model import BaseModule
from mmpretrain.registry import MODELS
from torch import Tensor, nn


@MODELS.register_module()
class JigsawHead(BaseModule):
    """Predict the permutation index from the features of shuffled tiles.

    As in the GLCNet reference: each tile's map is pooled to ``pool x pool``
    and embedded by a shared ``fc5`` (Linear, ReLU, Dropout); the tile
    embeddings are concatenated in puzzle order and classified by ``fc6``
    (Linear, ReLU, Dropout) and a linear layer with one output per
    permutation.

    Args:
        in_channels (int): Channels of a tile's feature map (ASPP: 256).
        num_tiles (int): Tiles per puzzle. Defaults to 9.
        num_classes (int): Number of permutations. Defaults to 1000.
        pool (int): Side of the pooled grid per tile. Defaults to 3.
        tile_channels (int): Width of ``fc5``. Defaults to 256.
        hid_channels (int): Width of ``fc6``. Defaults to 1024.
        dropout (float): Dropout of ``fc5`` and ``fc6``. Defaults to 0.1.
    """

    def __init__(self,
                 in_channels: int,
                 num_tiles: int = 9,
                 num_classes: int = 1000,
                 pool: int = 3,
                 tile_channels: int = 256,
                 hid_channels: int = 1024,
                 dropout: float = 0.1,
                 init_cfg: Optional[dict] = None) -> None:
        super().__init__(init_cfg=init_cfg)
        self.num_tiles = num_tiles
        self.pool = nn.AdaptiveAvgPool2d(pool)
        self.fc5 = nn.Sequential(
            nn.Linear(in_channels * pool * pool, tile_channels),
            nn.ReLU(inplace=True), nn.Dropout(dropout))
        self.fc6 = nn.Sequential(
            nn.Linear(num_tiles * tile_channels, hid_channels),
            nn.ReLU(inplace=True), nn.Dropout(dropout))
        self.classifier = nn.Linear(hid_channels, num_classes)
        self.criterion = nn.CrossEntropyLoss()

    def forward(self, feats: Tensor) -> Tensor:
        """Logits (B, num_classes) from tile maps (B * num_tiles, C, h, w),
        ordered image-major."""
        tiles = self.fc5(self.pool(feats).flatten(1))
        return self.classifier(
            self.fc6(tiles.view(-1, self.num_tiles * tiles.size(1))))

    def loss(self, feats: Tensor, labels: Tensor) -> dict:
        logits = self(feats)
        with torch.no_grad():
            accuracy = (logits.argmax(1) == labels).float().mean()
        return dict(loss_jigsaw=self.criterion(logits, labels),
                    accuracy=accuracy)
