"""mmseg's encoder-decoder segmentor whose input bands follow the data."""
from typing import Optional, Union

from mmseg.models.segmentors import EncoderDecoder
from mmseg.registry import MODELS
from torch import nn

from ..utils import follow_backbone_channels, follow_data_bands


@MODELS.register_module()
class RSIEncoderDecoder(EncoderDecoder):
    """``EncoderDecoder`` for remote-sensing images of any band count.

    The backbone's ``in_channels`` is taken from the data preprocessor, the
    one the dataset setting defines with one mean and std per band (see
    :func:`~grsim_mm.models.utils.follow_data_bands`), so the band count is
    written once; the input widths of the decode head and of auxiliary
    heads are taken from the backbone (:func:`~grsim_mm.models.utils.follow_backbone_channels`), so
    another depth is one line, and a head without ``num_classes`` is an
    error naming the fix. Nothing else differs: the modules, their names and hence
    the checkpoint keys are those of ``EncoderDecoder``, and pretrained
    ``backbone.*`` / ``decode_head.*`` weights load into it by name.

    Args:
        backbone (dict): mmseg backbone config; ``in_channels`` may be left
            out, and if given must match the preprocessor.
        decode_head (dict): Decode head config.
        data_preprocessor (dict, optional): Data preprocessor config with a
            per-band ``mean``.
        **kwargs: Other arguments of ``EncoderDecoder``.
    """

    def __init__(self,
                 backbone: dict,
                 decode_head: dict,
                 data_preprocessor: Optional[Union[dict, nn.Module]] = None,
                 **kwargs) -> None:
        super().__init__(
            backbone=follow_data_bands(backbone, data_preprocessor,
                                       type(self).__name__),
            decode_head=decode_head,
            data_preprocessor=data_preprocessor,
            **kwargs)

    def _init_decode_head(self, decode_head: dict) -> None:
        if isinstance(decode_head, dict) and decode_head.get(
                'num_classes') is None:
            raise ValueError(
                f'{type(self).__name__}: decode_head.num_classes is not set; '
                'a fine-tuning config takes it from its dataset setting: '
                'model = dict(decode_head=dict(num_classes='
                '_base_.num_classes))')
        super()._init_decode_head(
            follow_backbone_channels(decode_head, self.backbone,
                                     type(self).__name__))

    def _init_auxiliary_head(self,
                             auxiliary_head: Union[dict, list, None]) -> None:
        """Auxiliary heads follow the backbone stages too."""
        owner = type(self).__name__
        if isinstance(auxiliary_head, list):
            auxiliary_head = [
                follow_backbone_channels(head, self.backbone, owner)
                for head in auxiliary_head
            ]
        elif auxiliary_head is not None:
            auxiliary_head = follow_backbone_channels(auxiliary_head,
                                                      self.backbone, owner)
        super()._init_auxiliary_head(auxiliary_head)
