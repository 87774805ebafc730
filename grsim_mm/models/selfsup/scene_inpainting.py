"""Central-hole inpainting (context encoder) on a classification backbone."""
from typing import Dict, List

import torch
from mmpretrain.registry import MODELS
from mmpretrain.structures import DataSample
from torch import Tensor

from .scene_reconstruction import SceneReconstructor


@MODELS.register_module()
class SceneInpainting(SceneReconstructor):
    """RSISC's inpainting pretext task: reconstruct the image from a copy
    whose central hole (``hole_mask`` of ``CentralMask``) is blanked.

    The hole is set to zero after normalisation, i.e. to the band mean, in
    every band. The loss is the ``InpaintingHead``'s
    ``hole_weight * MSE(hole) + context_weight * MSE(context)``, RSISC's
    0.99 / 0.01. Works for any band count: the head predicts every band.
    """

    def loss(self, inputs: List[Tensor], data_samples: List[DataSample],
             **kwargs) -> Dict[str, Tensor]:
        img = inputs[0] if isinstance(inputs, (list, tuple)) else inputs
        mask = torch.stack([
            torch.as_tensor(s.hole_mask, dtype=img.dtype)
            for s in data_samples
        ]).to(img.device)[:, None]
        recon = self.reconstruct(img * (1 - mask))
        return self.head.loss(recon, img, mask)
