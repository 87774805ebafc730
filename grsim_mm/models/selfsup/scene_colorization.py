"""Colourisation on a classification backbone."""
from typing import Dict, List

import torch.nn.functional as F
from mmpretrain.registry import MODELS
from mmpretrain.structures import DataSample
from torch import Tensor

from .scene_reconstruction import SceneReconstructor


@MODELS.register_module()
class SceneColorization(SceneReconstructor):
    """Predict every band of an image from its grey version.

    Inputs are the pair of ``GreyColourPair``: ``inputs[0]`` the grey image
    (band mean in every band), ``inputs[1]`` the colour image, both
    normalised by the data preprocessor. The loss is the mean squared error
    between the reconstruction and the **colour** image; RSISC's released
    code compares it with the grey input, which a network solves by copying
    its input.
    """

    def loss(self, inputs: List[Tensor], data_samples: List[DataSample],
             **kwargs) -> Dict[str, Tensor]:
        grey, colour = inputs
        return dict(loss_colour=F.mse_loss(self.reconstruct(grey), colour))
