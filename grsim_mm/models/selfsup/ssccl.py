"""SSCCL: spatial and semantic consistency contrastive learning."""
from typing import Dict, List, Optional

import torch
from mmpretrain.registry import MODELS
from mmpretrain.structures import DataSample
from torch import Tensor

from .base_seg_selfsup import BaseSegSelfSupervisor, ViewOutputs

_BRANCHES = ('instance', 'spatial', 'semantic')


@MODELS.register_module()
class SSCCL(BaseSegSelfSupervisor):
    """SSCCL (Dong, Liu and Gu, IEEE TGRS 2023) on an mmseg segmentor.

    Two branches share the backbone and the DeepLabV3+ head:

    - the **instance branch** (``instance_head``, e.g.
      ``GlobalContrastHead``) contrasts the pooled ASPP output of the two
      views of an image against the other images;
    - the **consistency branch** (``consistency_head``,
      ``OverlapConsistencyHead``) contrasts dense features of the two views
      over their overlap, resampled onto a common grid (spatial term) or
      matched by similarity (semantic term).

    The total loss is ``sum_b loss_weights[b] * L_b``. Checkpoints fine-tune
    like GLCNet's (see :class:`BaseSegSelfSupervisor`). See
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
            backbone=backbone,
            decode_head=decode_head,
            concat_views=concat_views,
            data_preprocessor=data_preprocessor,
            init_cfg=init_cfg)
        self.instance_head = (
            MODELS.build(instance_head) if instance_head else None)
        self.consistency_head = (
            MODELS.build(consistency_head) if consistency_head else None)
        self.dense_source = dense_source
        self.loss_weights = weights

    @property
    def with_dense(self) -> bool:
        return self.consistency_head is not None

    def _forward_view(self, img: Tensor) -> ViewOutputs:
        """ASPP output and the dense map of the consistency branch."""
        if self.with_dense and self.dense_source == 'aspp':
            aspp = self.decode_head.aspp_forward(self.backbone(img))
            return aspp, aspp
        return super()._forward_view(img)

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
        (aspp1, dense1), (aspp2, dense2) = self.forward_views(inputs[:2])
        losses = {}
        if self.instance_head is not None:
            losses['loss_instance'] = self.instance_head.loss(aspp1, aspp2)
        if self.consistency_head is not None:
            device = dense1.device
            grids = self.stack_field(data_samples, 'overlap_grids',
                                     torch.float32, device)
            valid = self.stack_field(data_samples, 'overlap_valid',
                                     torch.bool, device).reshape(-1)
            losses.update(
                self.consistency_head.loss(dense1, dense2, grids, valid))
        losses = {
            name: self.loss_weights[name[len('loss_'):]] * value
            for name, value in losses.items()
        }
        self.check_finite(losses)
        return losses
