"""DeepLabV3+ head that fuses several backbone stages: GFCNet's multi-scale
fine-tuning head."""
from typing import List, Optional, Sequence

import torch
from mmcv.cnn import ConvModule
from mmseg.models.utils import resize
from mmseg.registry import MODELS
from torch import Tensor, nn

from .deeplabv3plus_head import DeepLabV3PlusHead


@MODELS.register_module()
class MultiScaleFusionHead(DeepLabV3PlusHead):
    """Multi-scale feature fusion head (GFCNet's MFFS, reconstructed).

    GFCNet fine-tunes with features of several scales jointly instead of the
    ASPP output and one low-level map. This head is a
    :class:`DeepLabV3PlusHead` whose decoder also takes the stages in
    ``fusion_in_index``: each is projected by a 1x1 conv + BN + ReLU to
    ``fusion_channels`` and upsampled to the 1/4 scale of ``inputs[0]``,
    then concatenated with the upsampled ASPP output and the projected
    ``inputs[0]`` (in that order: ASPP, ``inputs[0]``, fused stages) before
    the decoder's two 3x3 convolutions and the classifier.

    The ASPP (``image_pool``, ``aspp_modules``, ``bottleneck``) and
    ``c1_bottleneck`` keep the names and shapes of ``DeepLabV3PlusHead``, so
    ``PretrainedPart`` loads backbone and ASPP (``mode='backbone+aspp'``)
    from any of the toolbox's pretraining checkpoints. With extra stages the
    first decoder convolution is wider than DeepLabV3+'s, so a mode that
    includes the decoder stops with a shape error instead of loading part of
    it. With ``fusion_in_index=()`` the head is DeepLabV3+ itself.

    Args:
        fusion_in_index (Sequence[int]): Backbone outputs fused besides
            ``inputs[0]``. Defaults to (1, 2): C3 and C4 of a ResNet with
            ``out_indices=(0, 1, 2, 3)``, the ASPP standing for C5.
        fusion_in_channels (Sequence[int]): Their channels. Defaults to
            (512, 1024) (ResNet-50).
        fusion_channels (int): Width each fused stage is projected to.
            Defaults to 48, DeepLabV3+'s width for ``inputs[0]``.
        **kwargs: Arguments of :class:`DeepLabV3PlusHead`.
    """

    def __init__(self,
                 fusion_in_index: Sequence[int] = (1, 2),
                 fusion_in_channels: Sequence[int] = (512, 1024),
                 fusion_channels: int = 48,
                 c1_channels: int = 48,
                 **kwargs) -> None:
        super().__init__(c1_channels=c1_channels, **kwargs)
        fusion_in_index = tuple(fusion_in_index)
        fusion_in_channels = tuple(fusion_in_channels)
        if len(fusion_in_index) != len(fusion_in_channels):
            raise ValueError(
                f'MultiScaleFusionHead: fusion_in_index {fusion_in_index} '
                f'and fusion_in_channels {fusion_in_channels} must have one '
                'entry per fused stage')
        if 0 in fusion_in_index:
            raise ValueError(
                'MultiScaleFusionHead: inputs[0] is always fused (through '
                'c1_bottleneck); remove 0 from fusion_in_index')
        self.fusion_in_index = fusion_in_index
        conv_kwargs = dict(
            conv_cfg=self.conv_cfg, norm_cfg=self.norm_cfg,
            act_cfg=self.act_cfg)
        self.lateral_convs = nn.ModuleList(
            ConvModule(c, fusion_channels, 1, **conv_kwargs)
            for c in fusion_in_channels)
        fused = (self.channels + c1_channels +
                 len(fusion_in_index) * fusion_channels)
        self.decoder[0] = ConvModule(
            fused, self.channels, 3, padding=1, **conv_kwargs)

    def decoder_forward(self,
                        inputs: List[Tensor],
                        aspp_out: Optional[Tensor] = None) -> Tensor:
        """Decoder map (before ``conv_seg``) at the resolution of
        ``inputs[0]``; pass ``aspp_out`` to reuse an ASPP result."""
        if aspp_out is None:
            aspp_out = self.aspp_forward(inputs)
        low_level = self.c1_bottleneck(inputs[0])
        size = low_level.shape[2:]
        # project first, then upsample: the 1x1 convolutions run at the
        # stages' own, coarser resolution
        parts = [aspp_out, low_level] + [
            conv(inputs[i])
            for conv, i in zip(self.lateral_convs, self.fusion_in_index)
        ]
        parts = [
            resize(p, size=size, mode='bilinear',
                   align_corners=self.align_corners, warning=False)
            if p.shape[2:] != size else p for p in parts
        ]
        return self.decoder(torch.cat(parts, dim=1))
