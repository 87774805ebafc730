"""Base of the reconstruction pretext tasks on a classification backbone."""
from typing import Optional, Sequence, Union

from mmpretrain.models.selfsup import BaseSelfSupervisor
from torch import Tensor, nn

from ..utils import FollowDataMixin, data_band_count


class SceneReconstructor(FollowDataMixin, BaseSelfSupervisor):
    """An image-to-image network from a classification backbone (mmpretrain
    ``ResNet`` with several ``out_indices``) and a decoder head with skip
    connections (``InpaintingHead``): the deepest backbone map is decoded,
    fused with the shallower maps the head names, back to the input size.

    Only ``backbone.*`` is meant for transfer. The backbone keeps its max
    pooling, unlike the RSISC context encoder, so pretraining and
    fine-tuning run the same network.

    The network follows the data (:class:`FollowDataMixin`): the backbone
    reads the preprocessor's bands, the head's input and skip widths are
    the backbone's and its ``out_channels`` (the bands it predicts) the
    preprocessor's band count.

    Args:
        backbone (dict): mmpretrain backbone config.
        head (dict): ``InpaintingHead`` config whose ``skip_indices`` index
            the backbone outputs.
        data_preprocessor (dict, optional): Data preprocessor config.
        init_cfg (dict, optional): Initialisation config.
    """

    def __init__(self,
                 backbone: Union[dict, nn.Module],
                 head: Union[dict, nn.Module],
                 data_preprocessor: Optional[dict] = None,
                 **kwargs) -> None:
        bands = data_band_count(data_preprocessor)
        if isinstance(head, dict) and head.get('out_channels') is None:
            if bands is None:
                raise ValueError(
                    f'{type(self).__name__}: head.out_channels (the bands '
                    'to reconstruct) is not set and the data preprocessor '
                    'has no per-band mean to count them')
            head = dict(head, out_channels=bands)
        super().__init__(backbone=backbone, head=head,
                         data_preprocessor=data_preprocessor, **kwargs)

    def reconstruct(self, img: Tensor) -> Tensor:
        """Output of the same shape as ``img``."""
        feats: Sequence[Tensor] = self.backbone(img)
        return self.head(feats[-1], feats, img.shape[2:])

    def extract_feat(self, inputs: Tensor):
        return self.backbone(inputs)
