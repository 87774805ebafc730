"""SimCLR as the VISSL code of FALSE and GraSS computes it, on the
segmentation network."""
from typing import Dict, List, Optional, Sequence, Union

import torch
from mmpretrain.registry import MODELS
from mmpretrain.structures import DataSample
from torch import Tensor, nn

from .base_seg_selfsup import BaseSegSelfSupervisor

EMBED_SOURCES = ('stage', 'aspp')


@MODELS.register_module()
class SegSimCLR(BaseSegSelfSupervisor):
    """SimCLR with both views in one BatchNorm batch and the standard loss.

    The views are concatenated view-major, ``[view 1 of every image; view 2
    of every image]`` (the order of VISSL's collator, on which FALSE's
    candidate rule depends), and run through the network as one batch, so
    BatchNorm pools the statistics of both views as in VISSL. The embedding
    is the head's projection of the global average pool of

    * the last backbone stage (``embed_from='stage'``): VISSL's ResNet
      trunk, the released setting of FALSE and GraSS (with an output
      stride 32 backbone and no decode head); the checkpoint initialises
      the segmentor's backbone only;
    * the ASPP output (``embed_from='aspp'``): the toolbox's SimCLR head
      (GLCNet's global branch), so the checkpoint initialises the
      segmentor's backbone and ASPP like the other methods'.

    The head's loss contrasts ``z[i]`` with ``z[i + B]``: the standard
    NT-Xent (``NTXentLoss``) or FALSE's ``FNCCLoss``. The toolbox's SimCLR
    baseline of the GLCNet paper differs in two points: one forward pass per
    view and the decoupled NT-Xent.

    Args:
        backbone (dict): mmseg backbone config.
        decode_head (dict, optional): ``DeepLabV3PlusHead`` config: required
            with ``embed_from='aspp'`` and rejected with ``'stage'``, where
            it would never be trained (and DDP would need
            ``find_unused_parameters``).
        head (dict): ``GlobalContrastHead`` config; its ``in_channels`` is
            the width of the pooled map.
        embed_from (str): 'stage' or 'aspp'. Defaults to 'aspp'.
        data_preprocessor (dict, optional): Data preprocessor config.
        init_cfg (dict, optional): Initialisation config.
    """

    requires_head = True

    def __init__(self,
                 backbone: dict,
                 decode_head: Optional[dict] = None,
                 head: Optional[dict] = None,
                 embed_from: str = 'aspp',
                 data_preprocessor: Optional[Union[dict, nn.Module]] = None,
                 init_cfg: Optional[dict] = None) -> None:
        name = type(self).__name__
        if embed_from not in EMBED_SOURCES:
            raise ValueError(f'{name}: embed_from={embed_from!r} must be one '
                             f'of {EMBED_SOURCES}')
        if embed_from == 'aspp' and decode_head is None:
            raise ValueError(f"{name}: embed_from='aspp' pools the decode "
                             "head's ASPP output; give a decode_head")
        if embed_from == 'stage' and decode_head is not None:
            raise ValueError(
                f"{name}: embed_from='stage' never uses the decode head, "
                'which would stay untrained; set decode_head=None')
        super().__init__(
            backbone=backbone,
            decode_head=decode_head,
            head=head,
            concat_views=True,
            data_preprocessor=data_preprocessor,
            init_cfg=init_cfg)
        self.embed_from = embed_from

    def embedding_map(self, feats: Sequence[Tensor]) -> Tensor:
        """The map whose channel means are projected, from the backbone
        outputs: the last one, or the ASPP output."""
        if self.embed_from == 'aspp':
            return self.decode_head.aspp_forward(list(feats))
        return feats[-1]

    def contrast(self, images: Tensor) -> Tensor:
        """Contrastive loss of a view-major batch of pairs (2B, C, H, W)."""
        return self.head.loss(
            *self.embedding_map(self.backbone(images)).chunk(2))

    @staticmethod
    def pair_batch(inputs: List[Tensor]) -> Tensor:
        """The two views (each (B, C, H, W)) as one view-major batch."""
        if len(inputs) != 2:
            raise ValueError('SimCLR contrasts two views of each image; got '
                             f'{len(inputs)} (check the pipeline)')
        return torch.cat(inputs)

    def loss(self, inputs: List[Tensor], data_samples: List[DataSample],
             **kwargs) -> Dict[str, Tensor]:
        """``{'loss': ...}`` of a batch of view pairs."""
        losses = {'loss': self.contrast(self.pair_batch(inputs))}
        self.check_finite(losses)
        return losses
