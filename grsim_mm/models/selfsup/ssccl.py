"""SSCCL: spatial and semantic consistency contrastive learning."""
from typing import Dict, List, Optional, Tuple

import torch
from mmpretrain.models.selfsup import BaseSelfSupervisor
from mmpretrain.registry import MODELS
from mmpretrain.structures import DataSample
from torch import Tensor

from ..utils import build_seg_module, forward_views

_BRANCHES = ('instance', 'spatial', 'semantic')


@MODELS.register_module()
class SSCCL(BaseSelfSupervisor):
    """SSCCL (Dong, Liu and Gu, IEEE TGRS 2023) on an mmseg segmentor.

    Two branches share the backbone and the DeepLabV3+ head:

    - the **instance branch** (``instance_head``, e.g. ``GlobalContrastHead``) contrasts the pooled ASPP output of the two
      views of an image against the other images;
    - the **consistency branch** (``consistency_head``,
      ``OverlapConsistencyHead``) contrasts dense features of the two views
      over their overlap, resampled onto a common grid (spatial term) or
      matched by similarity (semantic term).

    The total loss is ``sum_b loss_weights[b] * L_b``. Network attributes
    are named as in mmseg's ``EncoderDecoder`` (``backbone``,
    ``decode_head``), so checkpoints fine-tune like GLCNet's. See
    ``docs/methods/ssccl.md`` for the choices the paper leaves open.

    Args:
        backbone (dict): mmseg backbone config.
        decode_head (dict): mmseg ``DeepLabV3PlusHead`` config; its
            ``num_classes`` is the channel count of the dense map.
        instance_head (dict, optional): Instance branch; None disables it.
        consistency_head (dict, optional): Consistency branch; None
            disables it.
        dense_source (str): Dense map of the consistency branch: the
            decoder's projected map at stride 4 (``'decoder'``, default) or
            the ASPP output (``'aspp'``, skips the decoder).
        loss_weights (dict): Weights of ``instance``, ``spatial`` and
            ``semantic``. Defaults to 1 each.
        concat_views (bool): Run both views as one batch (shared BatchNorm
            statistics) instead of two passes. Defaults to False.
        data_preprocessor (dict, optional): Data preprocessor config.
        init_cfg (dict, optional): Initialisation config.
    """

    def __init__(self,
                 backbone: dict,
                 decode_head: dict,
                 instance_head: Optional[dict] = None,
                 consistency_head: Optional[dict] = None,
                 dense_source: str = 'decoder',
                 loss_weights: Optional[Dict[str, float]] = None,
                 concat_views: bool = False,
                 data_preprocessor: Optional[dict] = None,
                 init_cfg: Optional[dict] = None) -> None:
        if instance_head is None and consistency_head is None:
            raise ValueError('SSCCL needs an instance and/or a consistency '
                             'head')
        if dense_source not in ('decoder', 'aspp'):
            raise ValueError(f'unknown dense_source {dense_source!r}')
        weights = dict.fromkeys(_BRANCHES, 1.0)
        weights.update(loss_weights or {})
        if set(weights) != set(_BRANCHES):
            raise ValueError(f'loss_weights keys must be in {_BRANCHES}')
        super().__init__(
            backbone=build_seg_module(backbone),
            data_preprocessor=data_preprocessor,
            init_cfg=init_cfg)
        self.decode_head = build_seg_module(decode_head)
        self.instance_head = (
            MODELS.build(instance_head) if instance_head else None)
        self.consistency_head = (
            MODELS.build(consistency_head) if consistency_head else None)
        self.dense_source = dense_source
        self.loss_weights = weights
        self.concat_views = concat_views

    def extract_feat(self, inputs: Tensor) -> Tuple[Tensor, ...]:
        """Backbone features of a batch of images."""
        return self.backbone(inputs)

    def _forward_view(self, img: Tensor) -> Tuple[Tensor, Optional[Tensor]]:
        """ASPP output and the dense map of the consistency branch."""
        feats = self.backbone(img)
        aspp = self.decode_head.aspp_forward(feats)
        if self.consistency_head is None:
            return aspp, None
        if self.dense_source == 'aspp':
            return aspp, aspp
        dense = self.decode_head.cls_seg(
            self.decode_head.decoder_forward(feats, aspp_out=aspp))
        return aspp, dense

    @staticmethod
    def _stack_overlap(data_samples: List[DataSample],
                       device: torch.device) -> Tuple[Tensor, Tensor]:
        grids = torch.stack([
            torch.as_tensor(s.overlap_grids, dtype=torch.float32)
            for s in data_samples
        ])
        valid = torch.cat([
            torch.as_tensor(s.overlap_valid, dtype=torch.bool).reshape(1)
            for s in data_samples
        ])
        return grids.to(device), valid.to(device)

    def loss(self, inputs: List[Tensor], data_samples: List[DataSample],
             **kwargs) -> Dict[str, Tensor]:
        """Weighted losses of a batch of view pairs.

        Args:
            inputs (List[Tensor]): The two views, each (B, C, H, W).
            data_samples (List[DataSample]): Carry ``overlap_grids``
                (2, G, G, 2) and ``overlap_valid`` (1,) for the consistency
                branch.

        Returns:
            Dict[str, Tensor]: ``loss_instance``, ``loss_spatial``,
            ``loss_semantic`` (those enabled), already weighted.
        """
        (aspp1, dense1), (aspp2, dense2) = forward_views(
            self._forward_view, inputs[:2], self.concat_views)
        losses = {}
        if self.instance_head is not None:
            losses['loss_instance'] = self.instance_head.loss(aspp1, aspp2)
        if self.consistency_head is not None:
            grids, valid = self._stack_overlap(data_samples, dense1.device)
            losses.update(
                self.consistency_head.loss(dense1, dense2, grids, valid))
        losses = {
            name: self.loss_weights[name[len('loss_'):]] * value
            for name, value in losses.items()
        }
        if not torch.isfinite(torch.stack(list(losses.values()))).all():
            values = {k: v.item() for k, v in losses.items()}
            raise RuntimeError(f'SSCCL loss is not finite: {values}')
        return losses
