"""mmpretrain's image classifier for remote-sensing scenes of any band
count, with a backbone-agnostic linear probe."""
import copy
from typing import Optional, Union

from mmpretrain.models.classifiers import ImageClassifier
from mmpretrain.registry import MODELS
from torch import nn

from ..utils import FollowDataMixin


def preprocessor_classes(data_preprocessor) -> Optional[int]:
    """``num_classes`` of a data preprocessor (config or module)."""
    if isinstance(data_preprocessor, nn.Module):
        return getattr(data_preprocessor, 'num_classes', None)
    return (data_preprocessor or {}).get('num_classes')


@MODELS.register_module()
class RSIImageClassifier(FollowDataMixin, ImageClassifier):
    """``ImageClassifier`` whose network follows the data.

    - the backbone reads the bands of the data preprocessor (one ``mean``
      per band), the head's ``in_channels`` is the width of the backbone
      (or neck) output (:class:`FollowDataMixin`), and the head's
      ``num_classes`` that of the preprocessor (``ClsDataPreprocessor(
      num_classes=...)`` of the dataset setting): a model config names no
      band count, no width and no class count;
    - ``freeze_backbone=True`` is the linear probe for any backbone
      (ResNet, ViT, Swin): no backbone parameter is trained and the backbone
      stays in eval mode, so BatchNorm statistics and dropout do not change
      either. For a ResNet it is what ``frozen_stages=4, norm_eval=True``
      does; a ViT or Swin needs no stage count.

    Module names, hence checkpoint keys, are those of ``ImageClassifier``.

    Args:
        backbone (dict): mmpretrain backbone config.
        neck (dict, optional): Neck config, e.g. ``GlobalAveragePooling``.
        head (dict, optional): Head config, e.g. ``LinearClsHead``.
        freeze_backbone (bool): Linear probe. Defaults to False.
        **kwargs: Other arguments of ``ImageClassifier``
            (``data_preprocessor``, ``init_cfg``, ``train_cfg``).
    """

    def __init__(self,
                 backbone: Union[dict, nn.Module],
                 neck: Optional[dict] = None,
                 head: Optional[dict] = None,
                 freeze_backbone: bool = False,
                 **kwargs) -> None:
        if isinstance(head, dict) and head.get('num_classes') is None:
            num_classes = preprocessor_classes(kwargs.get('data_preprocessor'))
            if num_classes is None:
                raise ValueError(
                    f'{type(self).__name__}: head.num_classes is not set and '
                    'the data preprocessor names no num_classes; a config '
                    'takes both from its dataset setting: model = dict('
                    'data_preprocessor=_base_.data_preprocessor)')
            head = dict(copy.deepcopy(head), num_classes=num_classes)
        super().__init__(backbone=backbone, neck=neck, head=head, **kwargs)
        self.freeze_backbone = freeze_backbone
        if freeze_backbone:
            for param in self.backbone.parameters():
                param.requires_grad = False
            self.backbone.eval()

    def train(self, mode: bool = True) -> 'RSIImageClassifier':
        super().train(mode)
        if self.freeze_backbone:
            self.backbone.eval()
        return self
