"""SSCCL's consistency branch: contrast the two views over their overlap."""
from typing import Dict, Tuple

import torch
from mmengine.model import BaseModule
from mmpretrain.registry import MODELS
from torch import Tensor, nn

from ..utils.overlap_sampling import sample_overlap


@MODELS.register_module()
class OverlapConsistencyHead(BaseModule):
    """Spatial and semantic consistency of dense features over the overlap.

    Both views' dense maps are resampled onto the common overlap grid (see
    ``OverlapGrids``) and projected per location by a 1x1 two-layer MLP.

    - **Spatial consistency**: the two embeddings of one grid point show the
      same ground and are positives; every other location of the other view,
      in the same image and in the other images, is a negative.
    - **Semantic consistency**: each location is paired with the location of
      the other view's overlap whose (sampled, unprojected) feature is the
      most similar by cosine, found without gradient, as DenseCL matches
      locations; negatives as above.

    Both terms are symmetric (each view is anchor once) and use the same
    contrastive loss. Images whose overlap is invalid contribute neither
    anchors nor negatives.

    Args:
        in_channels (int): Channels of the dense map. Defaults to 64.
        hid_channels (int): Hidden width of the projector. Defaults to 64.
        out_channels (int): Embedding size. Defaults to 64.
        spatial (bool): Compute the spatial term. Defaults to True.
        semantic (bool): Compute the semantic term. Defaults to True.
        loss (dict): Config of the contrastive loss, called as
            ``loss(query, keys, targets, query_valid, key_valid)``.
        init_cfg (dict, optional): Initialisation config.
    """

    def __init__(self,
                 in_channels: int = 64,
                 hid_channels: int = 64,
                 out_channels: int = 64,
                 spatial: bool = True,
                 semantic: bool = True,
                 loss: dict = dict(type='DenseInfoNCELoss', temperature=0.5),
                 init_cfg=None) -> None:
        super().__init__(init_cfg=init_cfg)
        if not (spatial or semantic):
            raise ValueError('enable spatial and/or semantic consistency')
        self.spatial = spatial
        self.semantic = semantic
        self.projector = nn.Sequential(
            nn.Conv2d(in_channels, hid_channels, 1), nn.ReLU(inplace=True),
            nn.Conv2d(hid_channels, out_channels, 1))
        self.loss_module = MODELS.build(loss)

    @staticmethod
    def _flatten(x: Tensor) -> Tensor:
        """(B, C, G, G) -> (B * G * G, C), image-major."""
        return x.flatten(2).transpose(1, 2).reshape(-1, x.size(1))

    def _symmetric(self, z1: Tensor, z2: Tensor, t12: Tensor, t21: Tensor,
                   valid: Tensor) -> Tensor:
        return 0.5 * (self.loss_module(z1, z2, t12, valid, valid) +
                      self.loss_module(z2, z1, t21, valid, valid))

    @torch.no_grad()
    def match(self, f1: Tensor, f2: Tensor) -> Tuple[Tensor, Tensor]:
        """Flat indices of each location's most similar location of the
        other view within the same image's overlap, both directions."""
        batch, _, gh, gw = f1.shape
        f1 = nn.functional.normalize(f1.flatten(2), dim=1)
        f2 = nn.functional.normalize(f2.flatten(2), dim=1)
        sim = torch.bmm(f1.transpose(1, 2), f2)  # B, L1, L2
        offset = torch.arange(batch, device=f1.device)[:, None] * gh * gw
        t12 = (sim.argmax(dim=2) + offset).flatten()
        t21 = (sim.argmax(dim=1) + offset).flatten()
        return t12, t21

    def loss(self, dense1: Tensor, dense2: Tensor, grids: Tensor,
             valid: Tensor) -> Dict[str, Tensor]:
        """Consistency losses of a batch of view pairs.

        Args:
            dense1, dense2 (Tensor): Dense maps (B, C, H, W) of the views.
            grids (Tensor): ``overlap_grids`` (B, 2, G, G, 2).
            valid (Tensor): ``overlap_valid`` (B,) bool.

        Returns:
            Dict[str, Tensor]: ``loss_spatial`` and/or ``loss_semantic``.
        """
        f1 = sample_overlap(dense1, grids[:, 0])
        f2 = sample_overlap(dense2, grids[:, 1])
        z1 = self._flatten(self.projector(f1))
        z2 = self._flatten(self.projector(f2))
        locations = grids.size(2) * grids.size(3)
        loc_valid = valid.bool().repeat_interleave(locations)
        losses = {}
        if self.spatial:
            same = torch.arange(z1.size(0), device=z1.device)
            losses['loss_spatial'] = self._symmetric(z1, z2, same, same,
                                                     loc_valid)
        if self.semantic:
            t12, t21 = self.match(f1, f2)
            losses['loss_semantic'] = self._symmetric(z1, z2, t12, t21,
                                                      loc_valid)
        return losses
