"""DINO's self-distillation cross-entropy with teacher centring."""
from typing import Sequence

import torch
import torch.distributed as dist
import torch.nn.functional as F
from mmengine.model import BaseModule
from mmpretrain.registry import MODELS
from torch import Tensor

from ..utils.gather import is_distributed


@MODELS.register_module()
class SelfDistillLoss(BaseModule):
    """Cross-entropy of every student crop against each teacher crop that
    is not the same view, with a centred, sharpened teacher.

    The teacher sees the global crops, the student every crop (the globals
    first, in the teacher's order). For teacher crop ``i`` and student crop
    ``j != i``::

        P_t = softmax((t_i - c) / teacher_temp)
        log P_s = log_softmax(s_j / student_temp)
        H_ij = mean over the batch of -sum_k P_t[k] log P_s[k]

    and the loss is the mean of ``H_ij`` over all such pairs. Centring
    (subtracting ``c``) keeps one dimension from dominating, sharpening
    (``teacher_temp < student_temp``) keeps the teacher from being uniform;
    together they prevent collapse without negatives. After each call the
    centre moves toward the batch mean of the teacher outputs, averaged over
    all ranks: ``c <- m c + (1 - m) mean(t)``. Computed in float32 whatever
    the autocast dtype, since K is large.

    Args:
        out_dim (int): Dimension K of the projections.
        student_temp (float): Student temperature. Defaults to 0.1.
        teacher_temp (float): Teacher temperature until a hook sets another
            (``TeacherTempWarmupHook``). Defaults to 0.04, the start of
            DINO's warm-up.
        center_momentum (float): Weight of the old centre. Defaults to 0.9.
    """

    def __init__(self,
                 out_dim: int,
                 student_temp: float = 0.1,
                 teacher_temp: float = 0.04,
                 center_momentum: float = 0.9) -> None:
        super().__init__()
        if student_temp <= 0:
            raise ValueError(
                f'student_temp must be positive, got {student_temp}')
        if not 0 <= center_momentum <= 1:
            raise ValueError('center_momentum is the weight of the old centre '
                             f'and must be in [0, 1], got {center_momentum}')
        self.out_dim = out_dim
        self.student_temp = student_temp
        self.teacher_temp = teacher_temp
        self.center_momentum = center_momentum
        self.register_buffer('center', torch.zeros(1, out_dim))

    @property
    def teacher_temp(self) -> float:
        return self._teacher_temp

    @teacher_temp.setter
    def teacher_temp(self, value: float) -> None:
        if not value > 0:
            raise ValueError(f'teacher_temp must be positive, got {value}')
        self._teacher_temp = float(value)

    def forward(self, student_out: Sequence[Tensor],
                teacher_out: Sequence[Tensor]) -> Tensor:
        """Loss of one step; updates the centre.

        Args:
            student_out: One ``(N, K)`` projection per crop, globals first.
            teacher_out: One ``(N, K)`` projection per global crop.
        """
        if len(teacher_out) > len(student_out):
            raise ValueError(
                f'{len(teacher_out)} teacher crops but only '
                f'{len(student_out)} student crops; the teacher sees the '
                'global crops, which the student sees too')
        num_terms = len(teacher_out) * len(student_out) - len(teacher_out)
        if num_terms == 0:
            raise ValueError(
                'no crop pair of different views: give at least two global '
                'crops, or local crops besides the global one')
        for out in (*student_out, *teacher_out):
            if out.shape[-1] != self.out_dim:
                raise ValueError(f'projections of size {out.shape[-1]} for a '
                                 f'loss built with out_dim={self.out_dim}')
        teacher = torch.cat(list(teacher_out)).detach().float()
        targets = F.softmax((teacher - self.center) / self.teacher_temp, -1)
        targets = targets.chunk(len(teacher_out))
        log_probs = [
            F.log_softmax(s.float() / self.student_temp, dim=-1)
            for s in student_out
        ]
        total = 0.
        for i, target in enumerate(targets):
            for j, log_prob in enumerate(log_probs):
                if i != j:
                    total = total + (-target * log_prob).sum(-1).mean()
        self._update_center(teacher)
        return total / num_terms

    @torch.no_grad()
    def _update_center(self, teacher: Tensor) -> None:
        batch_sum = teacher.sum(0, keepdim=True)
        count = torch.tensor(float(teacher.size(0)), device=teacher.device)
        if is_distributed():
            dist.all_reduce(batch_sum)
            dist.all_reduce(count)
        self.center.mul_(self.center_momentum).add_(
            batch_sum / count, alpha=1 - self.center_momentum)
