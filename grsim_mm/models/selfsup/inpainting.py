"""Context inpainting pretext task on the segmentor's backbone and ASPP."""
import copy
from typing import Dict, List, Optional, Union

from mmpretrain.registry import MODELS
from mmpretrain.structures import DataSample
from torch import Tensor, nn

from ..utils import data_band_count
from .base_seg_selfsup import BaseSegSelfSupervisor


@MODELS.register_module()
class Inpainting(BaseSegSelfSupervisor):
    """Fill square holes of an image (the GLCNet paper's inpainting
    baseline).

    Holes (``hole_mask`` from ``RandomHoles``, new for every sample) are set
    to zero in all bands of the normalised image, i.e. to the band mean; the
    backbone, the ASPP and an ``InpaintingHead`` reconstruct the whole image.
    Only ``backbone.*`` and the ASPP of ``decode_head.*`` are meant for
    transfer; the decoder of ``decode_head`` is not used. The head
    reconstructs every band the data preprocessor normalises, unless its
    ``out_channels`` says otherwise.

    Args:
        backbone (dict): mmseg backbone config.
        decode_head (dict): mmseg ``DeepLabV3PlusHead`` config (for its
            ASPP).
        head (dict): ``InpaintingHead`` config; ``out_channels`` may be
            left out.
        data_preprocessor (dict, optional): Data preprocessor config.
        **kwargs: Other arguments of :class:`BaseSegSelfSupervisor`.
    """

    requires_head = True

    def __init__(self,
                 backbone: dict,
                 decode_head: dict,
                 head: dict,
                 data_preprocessor: Optional[Union[dict, nn.Module]] = None,
                 **kwargs) -> None:
        head = copy.deepcopy(head)
        if head.get('out_channels') is None:
            bands = data_band_count(data_preprocessor)
            if bands is None:
                bands = backbone.get('in_channels')
            if bands is None:
                raise ValueError(
                    'Inpainting: the head reconstructs the image, but '
                    'neither a data preprocessor with a per-band mean nor '
                    'head.out_channels gives the band count')
            head['out_channels'] = bands
        super().__init__(
            backbone,
            decode_head,
            head=head,
            data_preprocessor=data_preprocessor,
            **kwargs)

    def loss(self, inputs: List[Tensor], data_samples: List[DataSample],
             **kwargs) -> Dict[str, Tensor]:
        img = inputs[0] if isinstance(inputs, (list, tuple)) else inputs
        mask = self.stack_field(data_samples, 'hole_mask', img.dtype,
                                img.device)[:, None]
        feats = self.backbone(img * (1 - mask))
        aspp = self.decode_head.aspp_forward(feats)
        recon = self.head(aspp, feats, img.shape[2:])
        return self.head.loss(recon, img, mask)
