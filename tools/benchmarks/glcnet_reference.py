"""GLCNet's network as the authors' reference code builds it, for timing.

Plain PyTorch, after the reference's ``models/GLCNet.py`` (GeoX-Lab/G-RSIM,
``T-SS-GLCNet``; see docs/methods/glcnet.md): a torchvision-style ResNet-50
at output stride 16 with a 4-band stem, the ASPP and decoder of its
DeepLabV3+, both views in separate passes, the 64-channel map upsampled to
the input size and the windows taken with ``torchvision.ops.roi_pool``
before the average pool.
It exists so that ``train-step --implementation reference`` measures the
reference's step on the same machine, the same way as ours. BatchNorm is
``nn.BatchNorm2d``; the reference's Python SyncBN is slower, so the figure
is an upper bound of the reference's speed.
"""
from typing import List, Tuple

import torch
import torch.nn.functional as F
from torch import Tensor, nn
from torchvision.ops import roi_pool


def _conv_bn_relu(in_channels: int,
                  out_channels: int,
                  kernel_size: int = 1,
                  dilation: int = 1) -> nn.Sequential:
    padding = dilation * (kernel_size // 2)
    return nn.Sequential(
        nn.Conv2d(in_channels, out_channels, kernel_size, padding=padding,
                  dilation=dilation, bias=False),
        nn.BatchNorm2d(out_channels), nn.ReLU(inplace=True))


class _Bottleneck(nn.Module):
    """ResNet v1.5 bottleneck: the stride sits on the 3x3 convolution."""

    def __init__(self, in_channels: int, planes: int, stride: int,
                 dilation: int) -> None:
        super().__init__()
        out_channels = planes * 4
        self.branch = nn.Sequential(
            _conv_bn_relu(in_channels, planes),
            nn.Conv2d(planes, planes, 3, stride, padding=dilation,
                      dilation=dilation, bias=False),
            nn.BatchNorm2d(planes), nn.ReLU(inplace=True),
            nn.Conv2d(planes, out_channels, 1, bias=False),
            nn.BatchNorm2d(out_channels))
        self.shortcut = nn.Identity()
        if stride != 1 or in_channels != out_channels:
            self.shortcut = nn.Sequential(
                nn.Conv2d(in_channels, out_channels, 1, stride, bias=False),
                nn.BatchNorm2d(out_channels))

    def forward(self, x: Tensor) -> Tensor:
        return F.relu(self.branch(x) + self.shortcut(x))


class _ResNetOS16(nn.Module):
    """Strides (1, 2, 2, 1), dilations (1, 1, 1, 2); returns (layer4,
    layer1)."""

    def __init__(self, in_channels: int, blocks: Tuple[int, ...]) -> None:
        super().__init__()
        self.stem = nn.Sequential(
            nn.Conv2d(in_channels, 64, 7, 2, padding=3, bias=False),
            nn.BatchNorm2d(64), nn.ReLU(inplace=True),
            nn.MaxPool2d(3, 2, padding=1))
        stages, channels = [], 64
        for planes, num, stride, dilation in zip((64, 128, 256, 512), blocks,
                                                 (1, 2, 2, 1), (1, 1, 1, 2)):
            layers = []
            for i in range(num):
                layers.append(
                    _Bottleneck(channels, planes, stride if i == 0 else 1,
                                dilation))
                channels = planes * 4
            stages.append(nn.Sequential(*layers))
        self.stages = nn.ModuleList(stages)

    def forward(self, x: Tensor) -> Tuple[Tensor, Tensor]:
        x = self.stages[0](self.stem(x))
        low_level = x
        for stage in self.stages[1:]:
            x = stage(x)
        return x, low_level


class GLCNetReference(nn.Module):
    """The reference GLCNet (global style and local branches) for timing.

    Args:
        in_channels (int): Image bands. Defaults to 4.
        blocks (tuple[int]): Bottlenecks per stage. Defaults to ResNet-50's.
        window_size (int): Side of the matched windows. Defaults to 48.
    """

    def __init__(self,
                 in_channels: int = 4,
                 blocks: Tuple[int, ...] = (3, 4, 6, 3),
                 window_size: int = 48) -> None:
        super().__init__()
        self.window_size = window_size
        self.backbone = _ResNetOS16(in_channels, blocks)
        self.aspp = nn.ModuleList(
            [_conv_bn_relu(2048, 256)] +
            [_conv_bn_relu(2048, 256, 3, rate) for rate in (6, 12, 18)])
        self.image_pool = nn.Sequential(
            nn.AdaptiveAvgPool2d(1), _conv_bn_relu(2048, 256))
        self.aspp_out = nn.Sequential(
            _conv_bn_relu(1280, 256), nn.Dropout(0.5))
        self.low_level = _conv_bn_relu(256, 48)
        self.decoder = nn.Sequential(
            _conv_bn_relu(304, 256, 3), _conv_bn_relu(256, 256, 3))
        self.conv41 = nn.Conv2d(256, 64, 1)
        self.proj = nn.Sequential(
            nn.Linear(512, 256), nn.ReLU(inplace=True), nn.Linear(256, 64))
        self.proj1 = nn.Sequential(
            nn.Linear(64, 64), nn.ReLU(inplace=True), nn.Linear(64, 64))

    def _view(self, img: Tensor, rois: Tensor) -> Tuple[Tensor, Tensor]:
        x, low_level = self.backbone(img)
        pooled = F.interpolate(
            self.image_pool(x), size=x.shape[2:], mode='bilinear',
            align_corners=True)
        x = self.aspp_out(torch.cat([b(x) for b in self.aspp] + [pooled], 1))
        style = torch.cat([x.mean((2, 3)), x.flatten(2).var(2)], 1)
        x = F.interpolate(
            x, size=low_level.shape[2:], mode='bilinear', align_corners=True)
        x = self.decoder(torch.cat([x, self.low_level(low_level)], 1))
        dense = F.interpolate(
            self.conv41(x), size=img.shape[2:], mode='bilinear',
            align_corners=True)
        size = self.window_size
        windows = roi_pool(dense, rois, (size, size), 1.0).mean((2, 3))
        return self.proj(style), self.proj1(windows)

    def forward(self, views: List[Tensor],
                windows: Tensor) -> Tuple[Tensor, ...]:
        """Global and local embeddings of both views.

        Args:
            views (list[Tensor]): Two (B, C, H, W) float views.
            windows (Tensor): (B, P, 2, 4) half-open boxes per view.
        """
        batch, num = windows.shape[:2]
        index = torch.arange(
            batch, dtype=windows.dtype).repeat_interleave(num)[:, None]
        outs = []
        for v, view in enumerate(views):
            boxes = windows[:, :, v].reshape(-1, 4).clone()
            boxes[:, 2:] -= 1  # the reference's inclusive x1 + 47
            outs.append(self._view(view, torch.cat([index, boxes], 1)))
        (q, q1), (k, k1) = outs
        return q, k, q1, k1
