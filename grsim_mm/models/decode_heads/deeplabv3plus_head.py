"""DeepLabV3+ decode head with plain (not depthwise-separable) convolutions."""
from typing import List, Optional, Sequence

import torch
from mmcv.cnn import ConvModule
from mmseg.models.decode_heads import ASPPHead
from mmseg.models.utils import resize
from mmseg.registry import MODELS
from torch import Tensor, nn


def _dropout(ratio: float) -> nn.Module:
    """Element-wise dropout, or a no-op that keeps module indices stable."""
    return nn.Dropout(ratio) if ratio > 0 else nn.Identity()


@MODELS.register_module()
class DeepLabV3PlusHead(ASPPHead):
    """DeepLabV3+ head as used by GLCNet and its fine-tuning network.

    Compared with mmseg's ``DepthwiseSeparableASPPHead`` the ASPP and decoder
    convolutions are plain, the ASPP bottleneck is a 1x1 convolution followed
    by dropout, and the decoder may drop out between its two 3x3 convolutions.
    ``aspp_forward`` and ``decoder_forward`` expose the intermediate maps so
    self-supervised algorithms can attach heads to them while the parameter
    names stay those of the segmentor (``image_pool``, ``aspp_modules``,
    ``bottleneck``, ``c1_bottleneck``, ``decoder``, ``conv_seg``).

    Args:
        c1_in_channels (int): Channels of the low-level input
            (``inputs[0]``). Defaults to 256.
        c1_channels (int): Channels the low-level input is reduced to.
            Defaults to 48.
        aspp_dropout_ratio (float): Dropout after the ASPP bottleneck.
            Defaults to 0.5.
        decoder_dropout_ratio (float): Dropout between the two decoder
            convolutions. Defaults to 0.5.
        dilations (Sequence[int]): ASPP dilations; 1 means a 1x1 branch.
            Defaults to (1, 6, 12, 18).
        **kwargs: Arguments of ``BaseDecodeHead``; ``dropout_ratio`` is the
            dropout before ``conv_seg`` (element-wise here, as in the
            reference, instead of mmseg's channel-wise ``Dropout2d``).
    """

    def __init__(self,
                 c1_in_channels: int = 256,
                 c1_channels: int = 48,
                 aspp_dropout_ratio: float = 0.5,
                 decoder_dropout_ratio: float = 0.5,
                 dilations: Sequence[int] = (1, 6, 12, 18),
                 **kwargs) -> None:
        super().__init__(dilations=dilations, **kwargs)
        conv_kwargs = dict(
            conv_cfg=self.conv_cfg, norm_cfg=self.norm_cfg,
            act_cfg=self.act_cfg)
        self.bottleneck = ConvModule(
            (len(dilations) + 1) * self.channels, self.channels, 1,
            **conv_kwargs)
        self.aspp_dropout = _dropout(aspp_dropout_ratio)
        self.c1_bottleneck = ConvModule(
            c1_in_channels, c1_channels, 1, **conv_kwargs)
        self.decoder = nn.Sequential(
            ConvModule(
                self.channels + c1_channels, self.channels, 3, padding=1,
                **conv_kwargs),
            _dropout(decoder_dropout_ratio),
            ConvModule(
                self.channels, self.channels, 3, padding=1, **conv_kwargs))
        if self.dropout is not None:
            self.dropout = nn.Dropout(self.dropout_ratio)

    def aspp_forward(self, inputs: List[Tensor]) -> Tensor:
        """ASPP output (after its dropout) of the deepest selected input."""
        x = self._transform_inputs(inputs)
        pooled = resize(
            self.image_pool(x),
            size=x.shape[2:],
            mode='bilinear',
            align_corners=self.align_corners,
            warning=False)
        feats = torch.cat([pooled, *self.aspp_modules(x)], dim=1)
        return self.aspp_dropout(self.bottleneck(feats))

    def decoder_forward(self,
                        inputs: List[Tensor],
                        aspp_out: Optional[Tensor] = None) -> Tensor:
        """Decoder map (before ``conv_seg``) at the resolution of
        ``inputs[0]``; pass ``aspp_out`` to reuse an ASPP result."""
        if aspp_out is None:
            aspp_out = self.aspp_forward(inputs)
        low_level = self.c1_bottleneck(inputs[0])
        upsampled = resize(
            aspp_out,
            size=low_level.shape[2:],
            mode='bilinear',
            align_corners=self.align_corners,
            warning=False)
        return self.decoder(torch.cat([upsampled, low_level], dim=1))

    def _forward_feature(self, inputs: List[Tensor]) -> Tensor:
        return self.decoder_forward(inputs)

    def forward(self, inputs: List[Tensor]) -> Tensor:
        """Class logits at the resolution of ``inputs[0]``."""
        return self.cls_seg(self.decoder_forward(inputs))
