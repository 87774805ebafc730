"""Keep the projection head's last layer fixed at the start of training."""
from typing import List, Optional

import torch
from mmengine.hooks import Hook
from mmengine.model import is_model_wrapper
from mmengine.optim import OptimWrapperDict
from mmpretrain.registry import HOOKS
from torch import Tensor


@HOOKS.register_module()
class FreezeLastLayerHook(Hook):
    """Leave a module's parameters untouched during the first epochs.

    DINO drops the gradient of its head's last layer during the first epoch
    (``cancel_gradients_last_layer``): its prototypes stay at their random
    start while the rest of the network settles, which it found to help.
    Here, while frozen:

    - a tensor hook replaces the layer's gradients by zeros during the
      backward pass, so gradient clipping (which runs before the optimiser
      step) measures the other parameters only;
    - an optimiser step pre-hook then sets them to None, so the optimiser
      skips the layer entirely: no update, no weight decay, no moment
      estimates.

    Both act on the parameters themselves, not on the model's attribute
    path, so they work with and without a model wrapper (DDP).

    Args:
        end (int): Frozen while the epoch (or iteration) is below ``end``.
            Defaults to 1.
        by_epoch (bool): Count epochs (else iterations). Defaults to True.
        module (str): Path of the frozen module in the (unwrapped) model.
            Defaults to 'head.last_layer'.
    """

    priority = 'NORMAL'

    def __init__(self,
                 end: int = 1,
                 by_epoch: bool = True,
                 module: str = 'head.last_layer') -> None:
        self.end = end
        self.by_epoch = by_epoch
        self.module = module
        self._frozen = False
        self._params: List[Tensor] = []
        self._handles: list = []

    def before_train(self, runner) -> None:
        model = runner.model.module if is_model_wrapper(
            runner.model) else runner.model
        try:
            frozen = model.get_submodule(self.module)
        except AttributeError as err:
            raise AttributeError(
                f'FreezeLastLayerHook: {type(model).__name__} has no module '
                f'{self.module!r}; set `module` to its path') from err
        self._params = [p for p in frozen.parameters() if p.requires_grad]
        self._handles = [p.register_hook(self._zero) for p in self._params]
        optim_wrapper = runner.optim_wrapper
        wrappers = (optim_wrapper.optim_wrappers.values() if isinstance(
            optim_wrapper, OptimWrapperDict) else [optim_wrapper])
        for wrapper in wrappers:
            self._handles.append(
                wrapper.optimizer.register_step_pre_hook(self._drop))

    def before_train_iter(self,
                          runner,
                          batch_idx: int,
                          data_batch: Optional[dict] = None) -> None:
        index = runner.epoch if self.by_epoch else runner.iter
        self._frozen = index < self.end

    def after_train(self, runner) -> None:
        for handle in self._handles:
            handle.remove()
        self._handles, self._params = [], []

    def _zero(self, grad: Tensor) -> Optional[Tensor]:
        return torch.zeros_like(grad) if self._frozen else None

    def _drop(self, optimizer, args, kwargs) -> None:
        if self._frozen:
            for param in self._params:
                param.grad = None
