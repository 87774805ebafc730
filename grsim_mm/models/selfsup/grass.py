"""GraSS: contrastive pretraining on gradient-guided crops of the views."""
from typing import Dict, List, Optional, Union

import torch
from mmpretrain.registry import MODELS
from mmpretrain.structures import DataSample
from torch import Tensor, nn

from ..utils import gradient_guided_crop, loss_feature_gradient
from .seg_simclr import SegSimCLR


@MODELS.register_module()
class GraSS(SegSimCLR):
    """GraSS (Zhang et al., IEEE TGRS 2023) on the segmentation network.

    While ``gs_active`` is False (the instance-discrimination warm-up;
    :class:`~grsim_mm.engine.hooks.GraSSStageHook` switches it) a step is
    :class:`SegSimCLR`'s. With it True, every step samples first:

    1. pass 1: the backbone up to ``heat_map_stage`` without autograd
       (BatchNorm running statistics update, as in the released code);
    2. the gradient of the contrastive loss (the rest of the backbone, the
       embedding, projector and loss) with respect to that stage's
       features, by :func:`~grsim_mm.models.utils.loss_feature_gradient`:
       on a detached copy, in float32 also under AMP, filling no parameter
       gradient, so that DDP reduces nothing. The released code runs a full
       backward instead and discards the parameter gradients; the feature
       gradient is the same. With gathered negatives every rank takes part,
       and each gets its share of the global gradient;
    3. each view is cropped to its own box of the gradient heat map and
       resized back (:func:`~grsim_mm.models.utils.gradient_guided_crop`),
       so the two views of a pair are cropped independently;
    4. pass 2 is the SimCLR step on the crops; its loss is the training
       loss. ``crop_area`` logs the mean share of the view area kept.

    Args:
        backbone (dict): mmseg ResNet config.
        decode_head (dict, optional): See :class:`SegSimCLR`.
        head (dict): ``GlobalContrastHead`` config.
        embed_from (str): 'stage' or 'aspp'; see :class:`SegSimCLR`.
        heat_map_stage (int): Index of the backbone output whose gradient
            makes the heat map; -1 (the last, layer4 as released) by
            default. An earlier stage continues the backbone from its
            detached copy in step 2, which needs a ResNet that outputs
            every stage.
        threshold_ratio (float): Threshold of the heat map between its
            minimum (0) and maximum (1); 0.5 is hard-coded in the released
            code.
        data_preprocessor (dict, optional): Data preprocessor config.
        init_cfg (dict, optional): Initialisation config.
    """

    def __init__(self,
                 backbone: dict,
                 decode_head: Optional[dict] = None,
                 head: Optional[dict] = None,
                 embed_from: str = 'aspp',
                 heat_map_stage: int = -1,
                 threshold_ratio: float = 0.5,
                 data_preprocessor: Optional[Union[dict, nn.Module]] = None,
                 init_cfg: Optional[dict] = None) -> None:
        super().__init__(
            backbone=backbone,
            decode_head=decode_head,
            head=head,
            embed_from=embed_from,
            data_preprocessor=data_preprocessor,
            init_cfg=init_cfg)
        if not 0.0 <= threshold_ratio <= 1.0:
            raise ValueError(f'GraSS: threshold_ratio={threshold_ratio} must '
                             'lie in [0, 1]')
        self.threshold_ratio = threshold_ratio
        self.heat_map_stage = self._check_stage(heat_map_stage)
        #: Gradient-guided sampling (True) or the warm-up (False).
        self.gs_active = False

    def _check_stage(self, stage: int) -> int:
        layers = getattr(self.backbone, 'res_layers', None)
        out_indices = tuple(getattr(self.backbone, 'out_indices', ()))
        if layers is None or out_indices != tuple(range(len(layers))):
            raise ValueError(
                'GraSS: the backbone must be a ResNet that outputs every '
                f'stage (out_indices=(0, ..., n - 1)); got '
                f'{type(self.backbone).__name__} with out_indices '
                f'{out_indices or None}')
        if not -len(layers) <= stage < len(layers):
            raise ValueError(f'GraSS: heat_map_stage={stage} is not an index '
                             f'of the {len(layers)} backbone stages')
        return stage % len(layers)

    def _run_stages(self, x: Tensor, first: int, last: int) -> List[Tensor]:
        """Outputs of backbone stages ``first..last`` (inclusive); ``x`` is
        the image for ``first == 0``, else the output of stage
        ``first - 1``."""
        backbone = self.backbone
        if first == 0:
            if backbone.deep_stem:
                x = backbone.stem(x)
            else:
                x = backbone.relu(backbone.norm1(backbone.conv1(x)))
            x = backbone.maxpool(x)
        outs = []
        for name in backbone.res_layers[first:last + 1]:
            x = getattr(backbone, name)(x)
            outs.append(x)
        return outs

    def sample_views(self, images: Tensor) -> Dict[str, Tensor]:
        """Steps 1-3: the gradient-guided crops of a view-major batch and
        the mean share of the view area they keep."""
        stage = self.heat_map_stage
        last = len(self.backbone.res_layers) - 1
        with torch.no_grad():
            feats = self._run_stages(images, 0, stage)

        def loss_from_stage(leaf: Tensor) -> Tensor:
            outs = feats[:stage] + [leaf]
            outs += self._run_stages(leaf, stage + 1, last)
            return self.head.loss(*self.embedding_map(outs).chunk(2))

        grads, _ = loss_feature_gradient(feats[stage], loss_from_stage)
        crops, (top, left, bottom, right) = gradient_guided_crop(
            images, feats[stage], grads, self.threshold_ratio)
        area = ((bottom - top) * (right - left)).float().mean()
        return dict(crops=crops, crop_area=area / images[0, 0].numel())

    def loss(self, inputs: List[Tensor], data_samples: List[DataSample],
             **kwargs) -> Dict[str, Tensor]:
        """``{'loss': ...}`` of a batch of view pairs, plus ``crop_area``
        during gradient-guided sampling."""
        if not self.gs_active:
            return super().loss(inputs, data_samples)
        sampled = self.sample_views(self.pair_batch(inputs))
        losses = {'loss': self.contrast(sampled['crops'])}
        self.check_finite(losses)
        losses['crop_area'] = sampled['crop_area']
        return losses
