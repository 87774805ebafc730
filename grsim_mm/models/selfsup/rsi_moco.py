"""mmpretrain's MoCo on images of any band count."""
from mmpretrain.models.selfsup import MoCo
from mmpretrain.registry import MODELS

from ..utils import FollowDataMixin


@MODELS.register_module()
class RSIMoCo(FollowDataMixin, MoCo):
    """``MoCo`` whose backbone reads the bands of the data preprocessor and
    whose projector's ``in_channels`` is the backbone's width
    (:class:`FollowDataMixin`), so one model config serves every dataset
    setting and depth (STICL, TOV). Loss, queue, momentum encoder, module
    names and checkpoint keys are mmpretrain's; ``momentum`` follows
    mmengine's convention (0.001 is MoCo's m = 0.999).
    """
