"""mmpretrain's SimCLR on images of any band count."""
from mmpretrain.models.selfsup import SimCLR
from mmpretrain.registry import MODELS

from ..utils import FollowDataMixin


@MODELS.register_module()
class RSISimCLR(FollowDataMixin, SimCLR):
    """``SimCLR`` whose backbone reads the bands of the data preprocessor
    and whose projector's ``in_channels`` is the backbone's width
    (:class:`FollowDataMixin`), so one model config serves every dataset
    setting and depth. Nothing else differs: the loss, the module names and
    hence the checkpoint keys are mmpretrain's.
    """
