"""Decoder and loss of the inpainting pretext task."""
from typing import Optional, Sequence

import torch
from mmcv.cnn import ConvModule
from mmengine.model import BaseModule
from mmpretrain.registry import MODELS
from mmseg.models.utils import resize
from torch import Tensor, nn


@MODELS.register_module()
class InpaintingHead(BaseModule):
    """Reconstruct the input image from the ASPP output and skip features.

    The ASPP map is upsampled step by step to the resolution of each skip
    feature (deepest first, e.g. layer2 at stride 8, then layer1 at stride
    4), concatenated with it and fused by a 3x3 convolution; a final 3x3
    convolution at input resolution predicts every band. The output is
    linear: the reference's tanh cannot reach normalised values beyond
    +-1 (inputs span about +-1.6).

    The loss is ``hole_weight * MSE(holes) + context_weight * MSE(context)``,
    each mean taken over its own pixels and all bands.

    Args:
        in_channels (int): Channels of the ASPP output.
        skip_channels (Sequence[int]): Channels of the skip features, in the
            order they are fused (deepest first).
        skip_indices (Sequence[int]): Backbone outputs used as skips.
        channels (Sequence[int]): Output channels of each fusion step.
        out_channels (int): Bands of the image.
        hole_weight (float): Weight of the holes term. Defaults to 0.99.
        context_weight (float): Weight of the context term. Defaults to
            0.01.
        norm_cfg (dict): Normalisation layers. Defaults to BN.
        align_corners (bool): For the bilinear upsampling. Defaults to
            False.
    """

    def __init__(self,
                 in_channels: int,
                 skip_channels: Sequence[int],
                 skip_indices: Sequence[int],
                 channels: Sequence[int],
                 out_channels: int,
                 hole_weight: float = 0.99,
                 context_weight: float = 0.01,
                 norm_cfg: dict = dict(type='BN', requires_grad=True),
                 align_corners: bool = False,
                 init_cfg: Optional[dict] = None) -> None:
        super().__init__(init_cfg=init_cfg)
        if not len(skip_channels) == len(skip_indices) == len(channels):
            raise ValueError('one skip channel, index and width per step')
        self.skip_indices = tuple(skip_indices)
        self.hole_weight = hole_weight
        self.context_weight = context_weight
        self.align_corners = align_corners
        self.fuse = nn.ModuleList()
        prev = in_channels
        for skip, out in zip(skip_channels, channels):
            self.fuse.append(
                ConvModule(prev + skip, out, 3, padding=1, norm_cfg=norm_cfg))
            prev = out
        self.predict = nn.Conv2d(prev, out_channels, 3, padding=1)

    def _up(self, x: Tensor, size) -> Tensor:
        return resize(x, size=size, mode='bilinear',
                      align_corners=self.align_corners, warning=False)

    def forward(self, aspp: Tensor, feats: Sequence[Tensor],
                size: Sequence[int]) -> Tensor:
        """Reconstruction (B, out_channels, *size)."""
        x = aspp
        for index, fuse in zip(self.skip_indices, self.fuse):
            skip = feats[index]
            x = fuse(torch.cat([self._up(x, skip.shape[2:]), skip], dim=1))
        return self.predict(self._up(x, size))

    def loss(self, recon: Tensor, target: Tensor, mask: Tensor) -> dict:
        """Weighted hole and context MSE; ``mask`` is (B, 1, H, W), 1 in
        holes."""
        sq_err = (recon - target).pow(2)
        bands = target.size(1)
        holes = (sq_err * mask).sum() / (mask.sum() * bands).clamp(min=1)
        context = (sq_err * (1 - mask)).sum() / (
            (1 - mask).sum() * bands).clamp(min=1)
        return dict(
            loss_holes=self.hole_weight * holes,
            loss_context=self.context_weight * context)
