"""Context inpainting pretext task on the segmentor's backbone and ASPP."""
from typing import Dict, List

from mmpretrain.registry import MODELS
from mmpretrain.structures import DataSample
from torch import Tensor

from .base_seg_selfsup import BaseSegSelfSupervisor


@MODELS.register_module()
class Inpainting(BaseSegSelfSupervisor):
    """Fill square holes of an image (the GLCNet paper's inpainting
    baseline).

    Holes (``hole_mask`` from ``RandomHoles``, new for every sample) are set
    to zero in all bands of the normalised image, i.e. to the band mean; the
    backbone, the ASPP and an ``InpaintingHead`` reconstruct the whole image.
    Only ``backbone.*`` and the ASPP of ``decode_head.*`` are meant for
    transfer; the decoder of ``decode_head`` is not used.

    Args:
        backbone (dict): mmseg backbone config.
        decode_head (dict): mmseg ``DeepLabV3PlusHead`` config (for its
            ASPP).
        head (dict): ``InpaintingHead`` config.
        data_preprocessor (dict, optional): Data preprocessor config.
        init_cfg (dict, optional): Initialisation config.
    """

    requires_head = True

    def loss(self, inputs: List[Tensor], data_samples: List[DataSample],
             **kwargs) -> Dict[str, Tensor]:
        img = inputs[0] if isinstance(inputs, (list, tuple)) else inputs
        mask = self.stack_field(data_samples, 'hole_mask', img.dtype,
                                img.device)[:, None]
        feats = self.backbone(img * (1 - mask))
        aspp = self.decode_head.aspp_forward(feats)
        recon = self.head(aspp, feats, img.shape[2:])
        return self.head.loss(recon, img, mask)
