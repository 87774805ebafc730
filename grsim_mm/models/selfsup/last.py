"""LaST: label-free self-distillation with a transformer backbone."""
from typing import Dict, List, Optional, Sequence, Union

import torch
import torch.nn as nn
from mmengine.logging import MessageHub
from mmpretrain.models.selfsup import BaseSelfSupervisor
from mmpretrain.models.utils import CosineEMA
from mmpretrain.registry import MODELS
from mmpretrain.structures import DataSample
from torch import Tensor

from ..utils import FollowDataMixin


class DistillNet(nn.Module):
    """Backbone, optional neck and projection head as one network.

    Groups the student's modules for the EMA without registering them twice
    (a fresh instance wraps them at every update) and is what the teacher
    copies, so the teacher's checkpoint keys read
    ``teacher.module.backbone.*``.
    """

    def __init__(self, backbone: nn.Module, neck: Optional[nn.Module],
                 head: nn.Module) -> None:
        super().__init__()
        self.backbone = backbone
        self.neck = neck
        self.head = head

    def forward(self, x: Tensor) -> Tensor:
        feats = self.backbone(x)
        if self.neck is not None:
            feats = self.neck(feats)
        return self.head(feats)


def forward_crops(net: nn.Module, crops: Sequence[Tensor]) -> List[Tensor]:
    """``net`` output of every crop; consecutive crops of one size run as
    one batch (the globals together, the locals together), as in DINO."""
    outputs: List[Tensor] = []
    start = 0
    while start < len(crops):
        stop = start + 1
        while (stop < len(crops)
               and crops[stop].shape[-2:] == crops[start].shape[-2:]):
            stop += 1
        group = crops[start:stop]
        batch = torch.cat(list(group)) if len(group) > 1 else group[0]
        outputs.extend(net(batch).split([c.size(0) for c in group]))
        start = stop
    return outputs


@MODELS.register_module()
class LaST(FollowDataMixin, BaseSelfSupervisor):
    """Self-distillation without negatives between a student and its EMA
    teacher over global and local crops (DINO's recipe).

    The inputs are the crops of a batch, the ``num_global_crops`` global
    crops first (e.g. from ``MultiView``). The teacher sees the global
    crops, the student all of them, and ``loss`` (``SelfDistillLoss``)
    aligns every student crop to each teacher global crop of another view:
    local to global and global to the other global, the abstract's
    "global-local crop and scale alignment".

    The teacher is a copy of backbone, neck and head updated at the start
    of every ``loss`` call, before its forward pass, from the student as the
    last optimiser step left it::

        teacher <- m * teacher + (1 - m) * student

    with ``m`` rising from ``teacher_momentum`` to ``teacher_momentum_end``
    on a cosine over the run (mmpretrain's ``CosineEMA``, which reads
    ``max_iters`` from the message hub). ``m`` follows DINO's convention,
    the weight of the *old* teacher; mmengine's EMA ``momentum`` is the
    weight of the new value, ``1 - m``. The first update copies the
    student, so both start equal whatever the initialisation. Buffers
    (BatchNorm statistics) are copied from the student.

    The network follows the data (:class:`FollowDataMixin`): the backbone
    reads its band count from the data preprocessor and the head its
    ``in_channels`` from the backbone (or neck) width, so one model config
    serves ViT-S/16 (384), Swin-T (768) and ResNet-50 (2048) on any bands.

    Checkpoints hold the student under the classifier's names
    (``backbone.*``, ``neck.*``, ``head.*``) and the teacher under
    ``teacher.module.backbone.*`` etc.; DINO evaluates the teacher.

    Args:
        backbone (dict): Backbone, e.g. ``VisionTransformer`` with
            ``out_type='cls_token'``, or ``SwinTransformer`` / ``ResNet``
            with a pooling neck.
        head (dict): Projection head, e.g. ``SelfDistillHead``;
            ``in_channels`` defaults to the backbone (or neck) width.
        loss (dict, optional): Loss config; ``out_dim`` defaults to the
            head's. Defaults to ``SelfDistillLoss`` with its defaults.
        neck (dict, optional): Between backbone and head, e.g.
            ``GlobalAveragePooling`` for feature maps. Defaults to None.
        num_global_crops (int): Leading crops the teacher sees. Defaults
            to 2.
        teacher_momentum (float): Weight of the old teacher at the start.
            Defaults to 0.996.
        teacher_momentum_end (float): Its value at the last iteration.
            Defaults to 1.
        pretrained, data_preprocessor, init_cfg: As in
            ``BaseSelfSupervisor``.
    """

    def __init__(self,
                 backbone: dict,
                 head: dict,
                 loss: Optional[dict] = None,
                 neck: Optional[dict] = None,
                 num_global_crops: int = 2,
                 teacher_momentum: float = 0.996,
                 teacher_momentum_end: float = 1.,
                 pretrained: Optional[str] = None,
                 data_preprocessor: Optional[Union[dict, nn.Module]] = None,
                 init_cfg: Optional[Union[dict, List[dict]]] = None) -> None:
        for name, value in (('teacher_momentum', teacher_momentum),
                            ('teacher_momentum_end', teacher_momentum_end)):
            if not 0 <= value <= 1:
                raise ValueError(
                    f'{name} is the weight of the old teacher (DINO: 0.996 '
                    f'rising to 1) and must be in [0, 1], got {value}')
        if num_global_crops < 1:
            raise ValueError(
                f'num_global_crops must be at least 1, got {num_global_crops}')
        super().__init__(
            backbone=backbone,
            neck=neck,
            head=head,
            pretrained=pretrained,
            data_preprocessor=data_preprocessor,
            init_cfg=init_cfg)
        loss = dict(type='SelfDistillLoss') if loss is None else dict(loss)
        if 'out_dim' not in loss:
            if not hasattr(self.head, 'out_dim'):
                raise ValueError(f'{type(self.head).__name__} has no out_dim; '
                                 'give it in the loss config')
            loss['out_dim'] = self.head.out_dim
        self.loss_module = MODELS.build(loss)
        self.num_global_crops = num_global_crops
        self.teacher = CosineEMA(
            self.student,
            momentum=1 - teacher_momentum,
            end_momentum=1 - teacher_momentum_end)

    @property
    def student(self) -> DistillNet:
        """The student's backbone, neck and head as one network."""
        return DistillNet(self.backbone, self.neck, self.head)

    @property
    def teacher_temp(self) -> float:
        """The loss's teacher temperature, set by ``TeacherTempWarmupHook``."""
        return self.loss_module.teacher_temp

    @teacher_temp.setter
    def teacher_temp(self, value: float) -> None:
        self.loss_module.teacher_temp = value

    def loss(self, inputs: List[Tensor], data_samples: List[DataSample],
             **kwargs) -> Dict[str, Tensor]:
        """Update the teacher, then the loss of all crop pairs.

        Args:
            inputs: One ``(N, C, H, W)`` batch per crop, globals first.
            data_samples: Unused.
        """
        if not isinstance(inputs, (list, tuple)):
            raise TypeError('LaST takes a list of crops (MultiView), got a '
                            f'{type(inputs).__name__}')
        if len(inputs) < self.num_global_crops:
            raise ValueError(f'{len(inputs)} crops for a model with '
                             f'num_global_crops={self.num_global_crops}')
        if MessageHub.get_current_instance().get_info('max_iters') is None:
            raise RuntimeError(
                "the teacher momentum schedule needs 'max_iters' in the "
                "message hub; the Runner sets it, scripts call MessageHub."
                "get_current_instance().update_info('max_iters', n)")
        student = self.student
        with torch.no_grad():
            self.teacher.update_parameters(student)
            teacher_out = forward_crops(self.teacher.module,
                                        inputs[:self.num_global_crops])
        student_out = forward_crops(student, inputs)
        loss = self.loss_module(student_out, teacher_out)
        return dict(
            loss=loss, teacher_temp=loss.new_tensor(self.teacher_temp))
