"""Keep the checkpoint of the epoch with the lowest mean training loss."""
import os.path as osp
from typing import Optional

import torch
from mmengine.dist import all_reduce, is_main_process
from mmengine.hooks import Hook
from mmengine.fileio import get_file_backend
from mmpretrain.registry import HOOKS


@HOOKS.register_module()
class TrainLossCheckpointHook(Hook):
    """Save the model of the epoch with the lowest mean training loss.

    Self-supervised pretraining has no validation metric, so mmengine's
    ``CheckpointHook(save_best=...)`` does not apply; GLCNet's reference keeps
    the epoch with the lowest mean loss instead. The epoch mean is averaged
    over all ranks. A new best file is written before the previous one is
    removed, so a best checkpoint always exists once one epoch has finished,
    and the best value survives ``--resume`` through the message hub.
    Combine with ``CheckpointHook`` for the last (resumable) checkpoint.

    Args:
        loss_key (str): Key of the training outputs to track. Defaults to
            'loss' (the sum of all loss terms).
        filename_tmpl (str): Name of the best file, formatted with the
            1-based epoch. Defaults to 'best_loss_epoch_{}.pth'.
        save_optimizer (bool): Also store optimizer state; the best file is
            meant for fine-tuning, so off by default.
    """

    priority = 'LOW'

    def __init__(self,
                 loss_key: str = 'loss',
                 filename_tmpl: str = 'best_loss_epoch_{}.pth',
                 save_optimizer: bool = False) -> None:
        self.loss_key = loss_key
        self.filename_tmpl = filename_tmpl
        self.save_optimizer = save_optimizer
        self.best_loss = float('inf')
        self.best_ckpt: Optional[str] = None
        self._loss_sum: Optional[torch.Tensor] = None
        self._num_iters = 0

    def before_train(self, runner) -> None:
        # Restored by ``--resume`` with the message hub, like CheckpointHook.
        hub = runner.message_hub
        self.best_loss = hub.get_info('best_train_loss', self.best_loss)
        self.best_ckpt = hub.get_info('best_train_loss_ckpt', self.best_ckpt)

    def restart(self, runner) -> None:
        """Forget the lowest loss so far, for a run whose objective changes
        (GraSS's switch from the warm-up to gradient-guided sampling): the
        next epoch's checkpoint becomes the best and replaces the current
        best file."""
        self.best_loss = float('inf')
        runner.message_hub.update_info('best_train_loss', self.best_loss)

    def before_train_epoch(self, runner) -> None:
        self._loss_sum = None
        self._num_iters = 0

    def after_train_iter(self,
                         runner,
                         batch_idx: int,
                         data_batch: Optional[dict] = None,
                         outputs: Optional[dict] = None) -> None:
        if not outputs or self.loss_key not in outputs:
            return
        # Accumulate on the device: no host sync per iteration.
        value = torch.as_tensor(outputs[self.loss_key]).detach().double()
        self._loss_sum = value if self._loss_sum is None else (
            self._loss_sum + value)
        self._num_iters += 1

    def after_train_epoch(self, runner) -> None:
        if self._loss_sum is None:
            return
        totals = torch.stack([
            self._loss_sum,
            self._loss_sum.new_tensor(float(self._num_iters))
        ])
        all_reduce(totals)
        mean_loss = (totals[0] / totals[1]).item()
        runner.message_hub.update_scalar('train/epoch_mean_loss', mean_loss)
        if mean_loss >= self.best_loss:
            return
        previous = self.best_ckpt
        filename = self.filename_tmpl.format(runner.epoch + 1)
        self.best_loss = mean_loss
        self.best_ckpt = osp.join(runner.work_dir, filename)
        runner.message_hub.update_info('best_train_loss', self.best_loss)
        runner.message_hub.update_info('best_train_loss_ckpt', self.best_ckpt)
        runner.save_checkpoint(
            runner.work_dir,
            filename,
            save_optimizer=self.save_optimizer,
            save_param_scheduler=False,
            by_epoch=True)
        runner.logger.info(f'Epoch {runner.epoch + 1}: mean training loss '
                           f'{mean_loss:.5f} is the lowest so far, saved '
                           f'{self.best_ckpt}')
        if previous and previous != self.best_ckpt and is_main_process():
            backend = get_file_backend(previous)
            if backend.isfile(previous):
                backend.remove(previous)
