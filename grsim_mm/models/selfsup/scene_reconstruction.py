"""Base of the reconstruction pretext tasks on a classification backbone."""
from typing import Sequence

from mmpretrain.models.selfsup import BaseSelfSupervisor
from torch import Tensor


class SceneReconstructor(BaseSelfSupervisor):
    """An image-to-image network from a classification backbone (mmpretrain
    ``ResNet`` with several ``out_indices``) and a decoder head with skip
    connections (``InpaintingHead``): the deepest backbone map is decoded,
    fused with the shallower maps the head names, back to the input size.

    Only ``backbone.*`` is meant for transfer. The backbone keeps its max
    pooling, unlike the RSISC context encoder, so pretraining and
    fine-tuning run the same network.

    Args:
        backbone (dict): mmpretrain backbone config.
        head (dict): ``InpaintingHead`` config whose ``skip_indices`` index
            the backbone outputs.
        data_preprocessor (dict, optional): Data preprocessor config.
        init_cfg (dict, optional): Initialisation config.
    """

    def reconstruct(self, img: Tensor) -> Tensor:
        """Output of the same shape as ``img``."""
        feats: Sequence[Tensor] = self.backbone(img)
        return self.head(feats[-1], feats, img.shape[2:])

    def extract_feat(self, inputs: Tensor):
        return self.backbone(inputs)
