"""Base of the pretraining methods that train the segmentor's own network."""
from typing import Dict, List, Optional, Tuple, Union

import torch
from mmengine.logging import MessageHub
from mmpretrain.models.selfsup import BaseSelfSupervisor
from mmpretrain.structures import DataSample
from torch import Tensor, nn

from ..utils import (build_seg_backbone, build_seg_module,
                     follow_backbone_channels, forward_views)

ViewOutputs = Tuple[Optional[Tensor], ...]


class BaseSegSelfSupervisor(BaseSelfSupervisor):
    """A self-supervised algorithm on an mmseg backbone and decode head.

    ``backbone`` and ``decode_head`` are built from the mmseg registry and
    named as in mmseg's ``EncoderDecoder``, so a pretraining checkpoint
    loads into the fine-tuning segmentor by name; only the method's own
    heads are left over. The backbone's input bands follow the data
    preprocessor (see :func:`~grsim_mm.models.utils.follow_data_bands`), so
    a model config carries no band count.

    Subclasses implement ``loss`` with the helpers here: the per-view
    forward (:meth:`forward_views` over :meth:`_forward_view`), the stacking
    of per-sample fields of the data samples (:meth:`stack_field`), the
    size check of the ASPP map (:meth:`check_map_size`) and the
    non-finite-loss check (:meth:`check_finite`).

    Args:
        backbone (dict): mmseg backbone config; ``in_channels`` may be left
            out.
        decode_head (dict, optional): mmseg ``DeepLabV3PlusHead`` config;
            None for a method that trains the backbone alone (it then has
            no :meth:`_forward_view`).
        head (dict, optional): The method's head, built in mmpretrain's
            registry as ``self.head``. Defaults to None.
        concat_views (bool): Run the views of a pair as one batch in
            :meth:`forward_views`. This is faster on accelerators but
            BatchNorm then normalises with the statistics of both views
            together; the default (False) runs one pass per view.
        data_preprocessor (dict | nn.Module, optional): Data preprocessor;
            its per-band mean gives the band count.
        init_cfg (dict, optional): Initialisation config.
    """

    #: Whether the method cannot work without ``head``.
    requires_head = False

    def __init__(self,
                 backbone: dict,
                 decode_head: Optional[dict],
                 head: Optional[dict] = None,
                 concat_views: bool = False,
                 data_preprocessor: Optional[Union[dict, nn.Module]] = None,
                 init_cfg: Optional[dict] = None) -> None:
        if self.requires_head and head is None:
            raise ValueError(f'{type(self).__name__} needs a head')
        super().__init__(
            backbone=build_seg_backbone(backbone, data_preprocessor,
                                        type(self).__name__),
            head=head,
            data_preprocessor=data_preprocessor,
            init_cfg=init_cfg)
        self.decode_head = None if decode_head is None else build_seg_module(
            follow_backbone_channels(decode_head, self.backbone,
                                     type(self).__name__))
        self.concat_views = concat_views

    @property
    def with_dense(self) -> bool:
        """Whether :meth:`_forward_view` computes the dense map."""
        return False

    def extract_feat(self, inputs: Tensor) -> Tuple[Tensor, ...]:
        """Backbone features of a batch of images."""
        return self.backbone(inputs)

    def _forward_view(self, img: Tensor) -> ViewOutputs:
        """ASPP output and, if :attr:`with_dense`, the dense map: the
        decoder output at stride 4 projected by ``conv_seg``."""
        feats = self.backbone(img)
        aspp = self.decode_head.aspp_forward(feats)
        if not self.with_dense:
            return aspp, None
        dense = self.decode_head.cls_seg(
            self.decode_head.decoder_forward(feats, aspp_out=aspp))
        return aspp, dense

    def forward_views(self, views: List[Tensor]) -> List[ViewOutputs]:
        """:meth:`_forward_view` of each view of a pair (see
        ``concat_views``)."""
        return forward_views(self._forward_view, views, self.concat_views)

    @staticmethod
    def stack_field(data_samples: List[DataSample], name: str,
                    dtype: torch.dtype, device: torch.device) -> Tensor:
        """One per-sample field of the data samples as a batch tensor."""
        return torch.stack([
            torch.as_tensor(getattr(sample, name), dtype=dtype)
            for sample in data_samples
        ]).to(device)

    def check_map_size(self, view: Tensor, aspp: Tensor, min_positions: int,
                       need: str) -> None:
        """Refuse an ASPP map of fewer than ``min_positions`` positions
        before it turns into a NaN loss, naming the view size and the output
        stride, the two config keys that set it."""
        height, width = aspp.shape[-2:]
        if height * width >= min_positions:
            return
        view_h, view_w = view.shape[-2:]
        stride = max(1, round(view_h / height))
        raise ValueError(
            f'{type(self).__name__}: {need} needs at least {min_positions} '
            f'positions of the ASPP map, but {view_h}x{view_w} views give a '
            f'{height}x{width} map at output stride {stride}. Use views of '
            f'at least {2 * stride} px (crop_size of the views transform in '
            'train_dataloader.dataset.pipeline) or a smaller output stride '
            '(model.backbone.strides and model.backbone.dilations; output '
            'stride 16 is strides=(1, 2, 2, 1), dilations=(1, 1, 1, 2)).')

    def check_finite(self, losses: Dict[str, Tensor]) -> None:
        """Stop on a non-finite loss instead of silently training on it."""
        if torch.isfinite(torch.stack(list(losses.values()))).all():
            return
        values = {name: value.item() for name, value in losses.items()}
        iteration = MessageHub.get_current_instance().get_info('iter')
        where = f' at iteration {iteration}' if iteration is not None else ''
        raise RuntimeError(f'{type(self).__name__} loss is not finite{where}:'
                           f' {values}. Lower the learning rate or check the '
                           'input data.')
