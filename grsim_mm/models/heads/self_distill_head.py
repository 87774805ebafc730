"""DINO's projection head: an MLP, L2 normalisation and a weight-normalised
last layer."""
from typing import List, Optional, Sequence, Union

import torch.nn as nn
import torch.nn.functional as F
from mmengine.model import BaseModule
from mmengine.model.weight_init import trunc_normal_
from mmpretrain.registry import MODELS
from torch import Tensor
from torch.nn.utils.parametrizations import weight_norm


@MODELS.register_module()
class SelfDistillHead(BaseModule):
    """Projection of a pooled feature to ``out_dim`` prototype scores.

    ``in_channels -> hidden_dim (-> hidden_dim ...) -> bottleneck_dim`` with
    GELU (and optional BatchNorm) between the linear layers, then L2
    normalisation and a bias-free linear layer to ``out_dim`` whose weight is
    normalised row-wise (weight normalisation with the magnitude ``g``
    initialised to 1). With ``norm_last_layer`` the magnitude stays fixed at
    1, so every prototype is a unit vector and the scores are cosine
    similarities; DINO reports this as more stable. Uses torch's
    ``parametrizations.weight_norm`` (state-dict keys
    ``last_layer.parametrizations.weight.original0`` for ``g`` and
    ``original1`` for the direction), not the deprecated ``weight_norm``.

    The MLP's linear layers start from a truncated normal (std 0.02), the
    last layer from PyTorch's default, as in DINO.

    Args:
        in_channels (int): Feature size of the backbone (or neck).
        out_dim (int): Number of prototypes K. Defaults to 65536.
        hidden_dim (int): Width of the hidden layers. Defaults to 2048.
        bottleneck_dim (int): Size before the last layer. Defaults to 256.
        num_layers (int): Linear layers of the MLP (1 maps straight to the
            bottleneck). Defaults to 3.
        use_bn (bool): BatchNorm after the hidden linear layers. Defaults to
            False.
        norm_last_layer (bool): Fix the last layer's magnitude at 1.
            Defaults to True.
    """

    def __init__(self,
                 in_channels: int,
                 out_dim: int = 65536,
                 hidden_dim: int = 2048,
                 bottleneck_dim: int = 256,
                 num_layers: int = 3,
                 use_bn: bool = False,
                 norm_last_layer: bool = True,
                 init_cfg: Optional[dict] = None) -> None:
        super().__init__(init_cfg=init_cfg)
        if num_layers < 1:
            raise ValueError(
                f'num_layers must be at least 1, got {num_layers}')
        self.out_dim = out_dim
        dims = [in_channels] + [hidden_dim] * (num_layers - 1)
        layers: List[nn.Module] = []
        for d_in, d_out in zip(dims, dims[1:]):
            layers.append(nn.Linear(d_in, d_out))
            if use_bn:
                layers.append(nn.BatchNorm1d(d_out))
            layers.append(nn.GELU())
        layers.append(nn.Linear(dims[-1], bottleneck_dim))
        self.mlp = nn.Sequential(*layers)
        self.last_layer = weight_norm(
            nn.Linear(bottleneck_dim, out_dim, bias=False))
        magnitude = self.last_layer.parametrizations.weight.original0
        magnitude.data.fill_(1.)
        magnitude.requires_grad_(not norm_last_layer)

    def init_weights(self) -> None:
        super().init_weights()
        if self.init_cfg is None:
            for m in self.mlp.modules():
                if isinstance(m, nn.Linear):
                    trunc_normal_(m.weight, std=.02)
                    nn.init.zeros_(m.bias)

    def forward(self, x: Union[Tensor, Sequence[Tensor]]) -> Tensor:
        """Scores ``(N, out_dim)`` of ``(N, in_channels)`` features, or of
        the last of a tuple of them (as backbones and necks return)."""
        if isinstance(x, (tuple, list)):
            x = x[-1]
        if x.dim() != 2:
            raise ValueError(
                f'SelfDistillHead takes pooled (N, C) features, got shape '
                f'{tuple(x.shape)}; pool feature maps first, e.g. with '
                "neck=dict(type='GlobalAveragePooling')")
        x = F.normalize(self.mlp(x), dim=-1)
        return self.last_layer(x)
