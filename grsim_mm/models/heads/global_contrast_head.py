"""Global projection head: pooled channel statistics of a feature map,
projected and contrasted between views."""
from typing import Optional

import torch
from mmengine.model import BaseModule
from mmpretrain.registry import MODELS
from torch import Tensor, nn


@MODELS.register_module()
class GlobalContrastHead(BaseModule):
    """Project the per-channel statistics of a map and contrast views.

    By default the statistic is the spatial mean, the plain SimCLR-style
    global branch (SSCCL's instance branch, GLCNet's ``noStyle`` ablation).
    With ``style=True`` the (unbiased) spatial variance, the map's "style",
    is concatenated to the mean, as in GLCNet's global branch. The
    statistics go through a two-layer MLP, with a ReLU between the layers
    unless ``nonlinear=False``: VISSL's SimCLR head as FALSE and GraSS
    configure it, whose one-layer MLP blocks skip their ReLU, so that the
    released projector is two stacked linear layers.

    Args:
        in_channels (int): Channels of the input map (the ASPP output).
        hid_channels (int): Hidden width of the MLP. Defaults to 256.
        out_channels (int): Embedding size. Defaults to 64.
        style (bool): Append the channel variance to the mean. Defaults to
            False.
        loss (dict): Contrastive loss config.
        nonlinear (bool): ReLU between the two linear layers. Defaults to
            True.
        init_cfg (dict, optional): Initialisation config.
    """

    def __init__(self,
                 in_channels: int,
                 hid_channels: int = 256,
                 out_channels: int = 64,
                 style: bool = False,
                 loss: dict = dict(
                     type='DecoupledNTXentLoss', temperature=0.5),
                 nonlinear: bool = True,
                 init_cfg: Optional[dict] = None) -> None:
        super().__init__(init_cfg=init_cfg)
        self.style = style
        stat_channels = in_channels * (2 if style else 1)
        # the activation has no parameters, so the state-dict keys (0, 2)
        # are the same with and without it
        activation = nn.ReLU(inplace=True) if nonlinear else nn.Identity()
        self.projector = nn.Sequential(
            nn.Linear(stat_channels, hid_channels), activation,
            nn.Linear(hid_channels, out_channels))
        self.loss_module = MODELS.build(loss)

    def statistics(self, feats: Tensor) -> Tensor:
        """Channel statistics of (B, C, H, W) features: (B, C) or (B, 2C)."""
        flat = feats.flatten(2)
        if not self.style:
            return flat.mean(dim=2)
        var, mean = torch.var_mean(flat, dim=2, correction=1)
        return torch.cat([mean, var], dim=1)

    def forward(self, feats: Tensor) -> Tensor:
        """Embed a batch of feature maps into (B, out_channels)."""
        return self.projector(self.statistics(feats))

    def loss(self, feats1: Tensor, feats2: Tensor, **loss_kwargs) -> Tensor:
        """Contrastive loss between the embeddings of two views' maps;
        ``loss_kwargs`` go to the loss (e.g. the samples' positions for
        ``GeoFeatureCorrectedNTXentLoss``)."""
        return self.loss_module(self(feats1), self(feats2), **loss_kwargs)


@MODELS.register_module()
class GlobalStyleHead(GlobalContrastHead):
    """GLCNet's global head: :class:`GlobalContrastHead` whose ``style``
    defaults to True (the name it had before the mean-only variant was
    shared with other methods)."""

    def __init__(self,
                 in_channels: int,
                 hid_channels: int = 256,
                 out_channels: int = 64,
                 style: bool = True,
                 loss: dict = dict(
                     type='DecoupledNTXentLoss', temperature=0.5),
                 init_cfg: Optional[dict] = None) -> None:
        super().__init__(
            in_channels,
            hid_channels,
            out_channels,
            style=style,
            loss=loss,
            init_cfg=init_cfg)
