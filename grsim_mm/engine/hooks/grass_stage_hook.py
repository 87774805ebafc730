"""Switch GraSS from its instance-discrimination warm-up to gradient-guided
sampling."""
from mmengine.hooks import Hook
from mmengine.model import is_model_wrapper
from mmengine.runner import IterBasedTrainLoop
from mmpretrain.registry import HOOKS
from torch import nn

from .train_loss_checkpoint_hook import TrainLossCheckpointHook


@HOOKS.register_module()
class GraSSStageHook(Hook):
    """Set ``model.gs_active`` to ``epoch >= warmup_epochs`` before each epoch.

    GraSS trains plain SimCLR first (the ID warm-up), whose discrimination
    makes the loss gradient informative, then crops every view to its
    gradient-guided box. The released code has no switch (its train step
    samples from the first iteration, the warm-up being a separate run), so
    the warm-up length is a choice and every result should state it;
    ``warmup_epochs=0`` is the released train step. Because the state is
    derived from the epoch before every epoch, a resumed run lands in the
    right stage.

    The loss on crops is another objective than the warm-up's, so at the
    switch a :class:`TrainLossCheckpointHook` of the run starts its search
    for the lowest loss again: the fine-tuning configs take the best-loss
    checkpoint, which must be one of gradient-guided sampling, not of the
    warm-up.

    Args:
        warmup_epochs (int): Epochs of plain SimCLR before gradient-guided
            sampling starts.
    """

    priority = 'NORMAL'

    def __init__(self, warmup_epochs: int) -> None:
        if isinstance(warmup_epochs, bool) or not isinstance(
                warmup_epochs, int) or warmup_epochs < 0:
            raise ValueError(
                f'GraSSStageHook: warmup_epochs={warmup_epochs!r} must be a '
                'non-negative whole number of epochs.')
        self.warmup_epochs = warmup_epochs
        self._logged_stage = None

    def before_train(self, runner) -> None:
        self._algorithm(runner)
        if self.warmup_epochs and isinstance(
                getattr(runner, 'train_loop', None), IterBasedTrainLoop):
            raise ValueError(
                f'GraSSStageHook: warmup_epochs={self.warmup_epochs} counts '
                'epochs, but the train loop is iteration based and stays in '
                'epoch 0; use train_cfg=dict(by_epoch=True, max_epochs=...).')
        if self.warmup_epochs >= runner.max_epochs:
            runner.logger.warning(
                f'GraSSStageHook: warmup_epochs={self.warmup_epochs} >= '
                f'max_epochs={runner.max_epochs}: the whole run is the '
                'instance-discrimination warm-up (plain SimCLR).')

    def before_train_epoch(self, runner) -> None:
        model = self._algorithm(runner)
        active = runner.epoch >= self.warmup_epochs
        if active != self._logged_stage:
            stage = ('gradient-guided sampling' if active else
                     'instance-discrimination warm-up')
            runner.logger.info(f'GraSS from epoch {runner.epoch + 1}: {stage} '
                               f'(warmup_epochs={self.warmup_epochs}).')
            self._logged_stage = active
        model.gs_active = active
        if self.warmup_epochs and runner.epoch == self.warmup_epochs:
            for hook in getattr(runner, 'hooks', ()):
                if isinstance(hook, TrainLossCheckpointHook):
                    hook.restart(runner)

    @staticmethod
    def _algorithm(runner) -> nn.Module:
        model = runner.model
        if is_model_wrapper(model):
            model = model.module
        if not isinstance(getattr(model, 'gs_active', None), bool):
            raise TypeError(
                f'GraSSStageHook: model {type(model).__name__} has no boolean '
                '`gs_active` switch; this hook drives the GraSS algorithm '
                'only. Remove it from custom_hooks for other models.')
        return model
