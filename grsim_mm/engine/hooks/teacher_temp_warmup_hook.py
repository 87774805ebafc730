"""Linear warm-up of the self-distillation teacher temperature."""
from typing import Optional

from mmengine.hooks import Hook
from mmengine.model import is_model_wrapper
from mmengine.runner import IterBasedTrainLoop
from mmpretrain.registry import HOOKS


@HOOKS.register_module()
class TeacherTempWarmupHook(Hook):
    """Set the model's ``teacher_temp`` before every training iteration.

    DINO's table ``np.linspace(start_temp, end_temp, warmup)`` indexed by
    the epoch (or, with ``by_epoch=False``, the iteration), then
    ``end_temp``: a sharp teacher at the start, when a soft one makes
    training unstable, relaxing to its final value. The value is recomputed
    from the runner's counters at every iteration, so a resumed run
    continues the schedule. Works with and without a model wrapper (DDP).

    Args:
        start_temp (float): Temperature at index 0. Defaults to 0.04.
        end_temp (float): Temperature from index ``warmup - 1`` on.
            Defaults to 0.07.
        warmup (int): Length of the warm-up; 0 uses ``end_temp``
            throughout. Defaults to 30.
        by_epoch (bool): Count epochs (else iterations). Defaults to True.
    """

    def __init__(self,
                 start_temp: float = 0.04,
                 end_temp: float = 0.07,
                 warmup: int = 30,
                 by_epoch: bool = True) -> None:
        if start_temp <= 0 or end_temp <= 0:
            raise ValueError('teacher temperatures must be positive, got '
                             f'{start_temp} and {end_temp}')
        if warmup < 0:
            raise ValueError(f'warmup must be >= 0, got {warmup}')
        self.start_temp = start_temp
        self.end_temp = end_temp
        self.warmup = warmup
        self.by_epoch = by_epoch

    def temperature(self, index: int) -> float:
        """The teacher temperature of epoch (or iteration) ``index``."""
        if index >= self.warmup:
            return self.end_temp
        if self.warmup == 1:
            return self.start_temp
        step = (self.end_temp - self.start_temp) / (self.warmup - 1)
        return self.start_temp + step * index

    def before_train(self, runner) -> None:
        if self.by_epoch and isinstance(runner.train_loop, IterBasedTrainLoop):
            raise ValueError(
                'TeacherTempWarmupHook(by_epoch=True) in an iteration-based '
                'run would never leave epoch 0; set by_epoch=False and give '
                'warmup in iterations')
        model = runner.model.module if is_model_wrapper(
            runner.model) else runner.model
        if not hasattr(model, 'teacher_temp'):
            raise TypeError(f'{type(model).__name__} has no teacher_temp for '
                            'TeacherTempWarmupHook to set')

    def before_train_iter(self,
                          runner,
                          batch_idx: int,
                          data_batch: Optional[dict] = None) -> None:
        model = runner.model.module if is_model_wrapper(
            runner.model) else runner.model
        index = runner.epoch if self.by_epoch else runner.iter
        model.teacher_temp = self.temperature(index)
