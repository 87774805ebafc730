"""GFCNet: contrastive pretraining whose negatives are corrected by where
the samples lie and how alike they look."""
from typing import Dict, List, Tuple

import torch
from mmpretrain.registry import MODELS
from mmpretrain.structures import DataSample
from torch import Tensor

from .glcnet import GLCNet

POSITION_FIELDS = ('centre', 'frame')


@MODELS.register_module()
class GFCNet(GLCNet):
    """GFCNet (Zhang et al., Remote Sensing 2023), reconstructed.

    The toolbox's SimCLR baseline (GLCNet's global branch without the style
    statistics: both views through the backbone and the ASPP, channel
    means of the ASPP output through a two-layer MLP) whose loss takes the
    samples' positions: ``global_head`` is a ``GlobalContrastHead`` with
    ``GeoFeatureCorrectedNTXentLoss``, and this class hands it the
    ``centre`` and ``frame`` of every sample (put there by
    ``SamplePosition`` and packed with
    ``PackInputs(algorithm_keys=['centre', 'frame'])``). The class exists
    for that hand-over and for a clear error when the pipeline gives no
    positions; the model is the SimCLR baseline's with another loss.

    Besides the loss it logs ``corrected_fraction``: the share of this
    rank's anchor-negative pairs that were corrected, the figure to tune
    the loss's ``geo_radius`` and ``threshold`` against.

    Args:
        backbone (dict): mmseg backbone config.
        decode_head (dict): mmseg ``DeepLabV3PlusHead`` config (only its
            ASPP is used in pretraining).
        global_head (dict): ``GlobalContrastHead`` config with a loss that
            takes ``centres`` and ``frames``.
        local_head: Must be None (there is no local branch).
        **kwargs: ``concat_views``, ``data_preprocessor``, ``init_cfg`` of
            :class:`GLCNet`.
    """

    global_only = True

    def positions(self, data_samples: List[DataSample],
                  device: torch.device) -> Tuple[Tensor, Tensor]:
        """Centres (N, 2) float64 and frame ids (N,) int64 of a batch."""
        missing = [f for f in POSITION_FIELDS if f not in data_samples[0]]
        if missing:
            raise ValueError(
                f'{type(self).__name__}: the data samples carry no '
                f'{missing}. The pretraining pipeline needs SamplePosition '
                "and PackInputs(algorithm_keys=['centre', 'frame']), on a "
                'dataset that knows where its samples lie (see '
                'configs/gfcnet/ and docs/data.md).')
        return (self.stack_field(data_samples, 'centre', torch.float64,
                                 device),
                self.stack_field(data_samples, 'frame', torch.int64, device))

    def loss(self, inputs: List[Tensor], data_samples: List[DataSample],
             **kwargs) -> Dict[str, Tensor]:
        """Corrected contrastive loss of a batch of view pairs.

        Returns:
            Dict[str, Tensor]: ``loss_contrast`` and ``corrected_fraction``
            (logged, not optimised).
        """
        (aspp1, _), (aspp2, _) = self.forward_views(inputs[:2])
        centres, frames = self.positions(data_samples, aspp1.device)
        losses = dict(
            loss_contrast=self.global_head.loss(
                aspp1, aspp2, centres=centres, frames=frames))
        fraction = getattr(self.global_head.loss_module,
                           'corrected_fraction', None)
        if fraction is not None:
            losses['corrected_fraction'] = fraction.detach().float()
        self.check_finite(losses)
        return losses
