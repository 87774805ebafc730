"""GLCNet: global style and local matching contrastive pretraining."""
from typing import Dict, List, Optional

import torch
from mmpretrain.registry import MODELS
from mmpretrain.structures import DataSample
from torch import Tensor

from .base_seg_selfsup import BaseSegSelfSupervisor


@MODELS.register_module()
class GLCNet(BaseSegSelfSupervisor):
    """GLCNet (Li et al., IEEE TGRS 2022) on an mmseg segmentation network.

    Both views run through the backbone and the DeepLabV3+ head. The global
    branch contrasts the channel statistics of the ASPP output of the two
    views, the local branch contrasts window means of the dense output map
    at matched locations. The total loss is
    ``loss_lambda * L_global + (1 - loss_lambda) * L_local``; with one branch
    disabled the other has weight 1 (the reference's ablations).

    Only ``global_head``, ``local_head`` and ``decode_head.conv_seg`` (the
    projection classifier) are left over when the checkpoint loads into the
    segmentor (see :class:`BaseSegSelfSupervisor`).

    Args:
        backbone (dict): mmseg backbone config (built in the mmseg scope).
        decode_head (dict): mmseg ``DeepLabV3PlusHead`` config whose
            ``num_classes`` is the channel count of the dense map (64).
        global_head (dict, optional): ``GlobalContrastHead`` config
            (``style=True`` in the paper); None disables the global loss
            (``noGlobal``).
        local_head (dict, optional): ``LocalMatchingHead`` config; None
            disables the local loss and skips the decoder (``noLocal``).
        loss_lambda (float): Weight of the global loss when both are used.
            Defaults to 0.5.
        concat_views (bool): Run both views as one batch; see
            :class:`BaseSegSelfSupervisor`. Defaults to False (per-view
            BatchNorm statistics, as in the reference).
        data_preprocessor (dict, optional): Data preprocessor config.
        init_cfg (dict, optional): Initialisation config.
    """

    #: Set by subclasses that contrast whole images only (GFCNet, RiSSNet):
    #: they need a global_head and take no local_head.
    global_only = False

    def __init__(self,
                 backbone: dict,
                 decode_head: dict,
                 global_head: Optional[dict] = None,
                 local_head: Optional[dict] = None,
                 loss_lambda: float = 0.5,
                 concat_views: bool = False,
                 data_preprocessor: Optional[dict] = None,
                 init_cfg: Optional[dict] = None) -> None:
        if self.global_only and (global_head is None
                                 or local_head is not None):
            raise ValueError(f'{type(self).__name__} needs a global_head '
                             'and no local_head')
        if global_head is None and local_head is None:
            raise ValueError('GLCNet needs a global_head, a local_head or '
                             'both')
        super().__init__(
            backbone=backbone,
            decode_head=decode_head,
            concat_views=concat_views,
            data_preprocessor=data_preprocessor,
            init_cfg=init_cfg)
        self.global_head = MODELS.build(global_head) if global_head else None
        self.local_head = MODELS.build(local_head) if local_head else None
        self.loss_lambda = loss_lambda

    @property
    def with_global(self) -> bool:
        return self.global_head is not None

    @property
    def with_local(self) -> bool:
        return self.local_head is not None

    @property
    def with_dense(self) -> bool:
        """The dense map at decoder resolution (stride 4) feeds the local
        branch. The reference upsamples it to the input size before pooling
        windows; the local head takes the same means from this map directly
        (see :func:`window_mean`)."""
        return self.with_local

    def loss(self, inputs: List[Tensor], data_samples: List[DataSample],
             **kwargs) -> Dict[str, Tensor]:
        """Contrastive losses of a batch of view pairs.

        Args:
            inputs (List[Tensor]): The two views, each (B, C, H, W).
            data_samples (List[DataSample]): Carry ``windows`` (P, 2, 4) and
                ``window_valid`` (P,) for the local branch.

        Returns:
            Dict[str, Tensor]: ``loss_global`` and/or ``loss_local``, already
            weighted, so their sum is the total loss.
        """
        (aspp1, dense1), (aspp2, dense2) = self.forward_views(inputs[:2])
        both = self.with_global and self.with_local
        losses = {}
        if self.with_global:
            if self.global_head.style:
                self.check_map_size(inputs[0], aspp1, 2,
                                    'the unbiased variance of the style head')
            weight = self.loss_lambda if both else 1.0
            losses['loss_global'] = weight * self.global_head.loss(
                aspp1, aspp2)
        if self.with_local:
            weight = 1.0 - self.loss_lambda if both else 1.0
            device = dense1.device
            windows = self.stack_field(data_samples, 'windows',
                                       torch.float32, device)
            valid = self.stack_field(data_samples, 'window_valid',
                                     torch.bool, device)
            losses['loss_local'] = weight * self.local_head.loss(
                dense1,
                dense2,
                windows,
                valid,
                image_size=inputs[0].shape[2:],
                align_corners=self.decode_head.align_corners)
        self.check_finite(losses)
        return losses
