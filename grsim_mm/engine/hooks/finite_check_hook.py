"""Stop a diverged training before it reaches a checkpoint."""
import math
from typing import Dict, Iterable, Optional, Tuple

import torch
from mmengine.hooks import CheckpointHook, Hook
from mmengine.registry import HOOKS
from torch import Tensor

#: How many offending names an error lists.
_SHOWN = 5
_ADVICE = ('Lower the learning rate (optim_wrapper.optimizer.lr), clip the '
           'gradients (optim_wrapper.clip_grad=dict(max_norm=...)) or check '
           'the input data (value_range, band_mean and band_std of the '
           'dataset setting).')


def non_finite(named: Iterable[Tuple[str, Tensor]]) -> list:
    """Names of the floating tensors that hold a NaN or an infinity."""
    named = [(n, t) for n, t in named if torch.is_floating_point(t)]
    if not named:
        return []
    # one reduction per tensor, one host sync in all
    finite = torch.stack([torch.isfinite(t).all() for _, t in named]).cpu()
    return [name for (name, _), ok in zip(named, finite.tolist()) if not ok]


@HOOKS.register_module()
class FiniteCheckHook(Hook):
    """Stop training on a non-finite loss or non-finite weights, before any
    checkpoint is written.

    A diverged run otherwise goes on to the end, exits 0, writes NaN
    weights into every checkpoint and, with ``max_keep_ckpts=1`` or
    ``save_best``, deletes the last good one first (mmengine's
    ``CheckpointHook`` removes the old file before saving the new one).
    This hook runs before the checkpoint hooks:

    - after every iteration it checks the logged losses, which
      ``RuntimeInfoHook`` has already turned into Python floats (no extra
      device sync);
    - when an iteration-based ``CheckpointHook`` saves at this iteration,
      after every epoch (epoch-based checkpoints and the lowest-loss
      checkpoint of pretraining) and before validation (``save_best``) it
      checks every weight and buffer;
    - it checks the state dict of every checkpoint about to be written, for
      any other saver.

    The error names the iteration, the values or tensors, the last
    checkpoint written and what to change. The common runtime adds it, so
    every pretraining, fine-tuning and classification config has it.
    """

    priority = 'ABOVE_NORMAL'  # before the logger and the checkpoint hooks

    def after_train_iter(self,
                         runner,
                         batch_idx: int,
                         data_batch: Optional[dict] = None,
                         outputs: Optional[Dict] = None) -> None:
        hub = runner.message_hub
        values = {}
        for key in outputs or {}:
            if 'loss' in key and f'train/{key}' in hub.log_scalars:
                values[key] = hub.get_scalar(f'train/{key}').current()
        bad = {k: v for k, v in values.items() if not math.isfinite(v)}
        if bad:
            shown = ', '.join(f'{k}={v}' for k, v in values.items())
            self._stop(runner, f'the loss is not finite ({shown})')
        if self._saves_this_iter(runner):
            self._check_weights(runner)

    def after_train_epoch(self, runner) -> None:
        self._check_weights(runner)

    def before_val(self, runner) -> None:
        self._check_weights(runner)

    def before_save_checkpoint(self, runner, checkpoint: dict) -> None:
        names = non_finite(checkpoint.get('state_dict', {}).items())
        if names:
            self._stop(runner, self._weights_reason(names))

    def _check_weights(self, runner) -> None:
        model = runner.model
        names = non_finite(
            list(model.named_parameters()) + list(model.named_buffers()))
        if names:
            self._stop(runner, self._weights_reason(names))

    @staticmethod
    def _weights_reason(names: list) -> str:
        more = f' and {len(names) - _SHOWN} more' if len(names) > _SHOWN \
            else ''
        return f'weights are not finite: {names[:_SHOWN]}{more}'

    @staticmethod
    def _saves_this_iter(runner) -> bool:
        for hook in runner.hooks:
            if isinstance(hook, CheckpointHook) and not hook.by_epoch and (
                    hook.every_n_train_iters(runner, hook.interval,
                                             hook.save_begin) or
                    (hook.save_last and hook.is_last_train_iter(runner))):
                return True
        return False

    @staticmethod
    def _stop(runner, reason: str) -> None:
        last = runner.message_hub.get_info('last_ckpt')
        kept = (f'The last checkpoint written, {last}, is kept; resume '
                f'from it with --resume {last} once fixed.' if last else
                'No checkpoint had been written yet.')
        raise FloatingPointError(
            f'Training stopped at epoch {runner.epoch + 1}, iteration '
            f'{runner.iter + 1}: {reason}. Nothing was saved from this '
            f'state. {kept} {_ADVICE}')
