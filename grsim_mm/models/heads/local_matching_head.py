"""Local projection head of GLCNet: embeddings of matched windows."""
from typing import Optional, Tuple

from mmengine.model import BaseModule
from mmpretrain.registry import MODELS
from torch import Tensor, nn

from ..utils.window_pool import window_mean


@MODELS.register_module()
class LocalMatchingHead(BaseModule):
    """Pool matched windows of a dense map, project them and contrast pairs.

    Each window is averaged over the map (see :func:`window_mean`), then sent
    through a two-layer MLP. The two windows of a pair come from different
    views and cover the same ground; all other windows of the batch, also
    those of the same image, are negatives.

    Args:
        in_channels (int): Channels of the dense map. Defaults to 64.
        hid_channels (int): Hidden width of the MLP. Defaults to 64.
        out_channels (int): Embedding size. Defaults to 64.
        loss (dict): Contrastive loss config.
        init_cfg (dict, optional): Initialisation config.
    """

    def __init__(self,
                 in_channels: int = 64,
                 hid_channels: int = 64,
                 out_channels: int = 64,
                 loss: dict = dict(
                     type='DecoupledNTXentLoss', temperature=0.5),
                 init_cfg: Optional[dict] = None) -> None:
        super().__init__(init_cfg=init_cfg)
        self.projector = nn.Sequential(
            nn.Linear(in_channels, hid_channels), nn.ReLU(inplace=True),
            nn.Linear(hid_channels, out_channels))
        self.loss_module = MODELS.build(loss)

    def forward(self,
                feats: Tensor,
                windows: Tensor,
                image_size: Optional[Tuple[int, int]] = None,
                align_corners: bool = False) -> Tensor:
        """Embed windows (B, P, 4) of maps (B, C, H, W) into (B * P, D),
        image-major. With ``image_size`` the windows are in pixels of the
        maps bilinearly resized to that size (see :func:`window_mean`)."""
        pooled = window_mean(feats, windows, image_size, align_corners)
        return self.projector(pooled.flatten(0, 1))

    def loss(self,
             feats1: Tensor,
             feats2: Tensor,
             windows: Tensor,
             valid: Tensor,
             image_size: Optional[Tuple[int, int]] = None,
             align_corners: bool = False) -> Tensor:
        """Contrastive loss between matched windows of two views.

        Args:
            feats1 (Tensor): Dense map of view 1, (B, C, H, W).
            feats2 (Tensor): Dense map of view 2, (B, C, H, W).
            windows (Tensor): (B, P, 2, 4) boxes, ``windows[:, :, v]`` in the
                pixel coordinates of view ``v``.
            valid (Tensor): (B, P) bool mask of usable pairs.
            image_size (tuple[int, int], optional): Size of the views when
                the maps are smaller (e.g. the decoder's stride 4); the
                windows are then pooled from the maps upsampled to it.
            align_corners (bool): ``align_corners`` of that upsampling.
        """
        emb1 = self(feats1, windows[:, :, 0], image_size, align_corners)
        emb2 = self(feats2, windows[:, :, 1], image_size, align_corners)
        return self.loss_module(emb1, emb2, valid.flatten())
