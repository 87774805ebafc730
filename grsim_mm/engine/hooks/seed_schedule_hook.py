"""Random states as a function of the position in training, so that a
resumed run draws exactly what an uninterrupted one does."""
import random
from typing import Callable, Optional

import numpy as np
import torch
from mmengine.dist import get_rank
from mmengine.hooks import Hook
from mmengine.registry import HOOKS
from mmengine.runner import EpochBasedTrainLoop
from torch.utils.data import DataLoader

# Streams of the schedule, so no two positions share a seed.
_EPOCH, _ITER, _WORKER = 0, 1, 2


def derived_seed(*keys: int) -> int:
    """A 32-bit seed mixed from integers (NumPy's ``SeedSequence``), so
    neighbouring epochs or workers get unrelated streams."""
    words = [int(k) % 2**64 for k in keys]
    return int(np.random.SeedSequence(words).generate_state(1)[0])


def seed_all(seed: int) -> None:
    """Seed Python's, NumPy's and torch's global generators (torch's on
    every device)."""
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)


class EpochWorkerInit:
    """``worker_init_fn`` of one epoch: the configured one (mmengine seeds
    every worker alike in every epoch), then the worker's generators from
    ``(seed, rank, epoch, worker_id)``. A module-level class, so that
    ``spawn`` workers can unpickle it."""

    def __init__(self, base: Optional[Callable], seed: int, rank: int,
                 epoch: int) -> None:
        self.base = base
        self.seed = seed
        self.rank = rank
        self.epoch = epoch

    def __call__(self, worker_id: int) -> None:
        if self.base is not None:
            self.base(worker_id)
        seed_all(
            derived_seed(self.seed, _WORKER, self.rank, self.epoch,
                         worker_id))


def _stop_workers(loader: DataLoader) -> None:
    """Shut down the pool of a persistent-worker loader, if running
    (torch keeps it in the private ``_iterator``)."""
    if loader.persistent_workers and loader._iterator is not None:
        loader._iterator._shutdown_workers()
        loader._iterator = None


@HOOKS.register_module()
class SeedScheduleHook(Hook):
    """Derive every random state from the seed and the position in
    training, so ``--resume`` continues bit-identically.

    mmengine seeds the generators once when a run starts: a resumed run
    replays the draws of the first epoch (augmentation in the main process,
    dropout), and data workers restart from the seeds of the first epoch
    (persistent workers had moved on). Saving the generator states with the
    checkpoint would not be enough either: between the save and the next
    step the uninterrupted run keeps drawing (validation, the start of the
    next data loader iterator), the resumed one does not. Instead this hook
    seeds, with the run's ``seed``:

    - Python's, NumPy's and torch's generators at the start of every epoch,
      from ``(seed, epoch)``;
    - torch's generator (dropout, random sampling in the model) before every
      iteration, from ``(seed, iteration)``;
    - every data worker of an epoch-based loop, from ``(seed, rank, epoch,
      worker)``. The workers are started anew for every epoch, persistent
      or not (the cost of ``persistent_workers=False``: a fork per worker and
      epoch), since a persistent worker cannot be reseeded from outside.

    The sampler's order already depends only on ``seed + epoch``.

    Exactness is tested for epoch-based loops resumed from an epoch
    checkpoint, with one and two processes. Iteration-based loops keep one
    data iterator, which mmengine fast-forwards on resume by fetching the
    batches it skips; this replays the draws of the data pipeline, but not
    torch draws of the main process between batches (this hook reseeds
    torch before each trained iteration only).
    """

    priority = 'VERY_HIGH'

    def __init__(self) -> None:
        self._base_init: Optional[Callable] = None

    def before_train_epoch(self, runner) -> None:
        seed_all(derived_seed(runner.seed, _EPOCH, runner.epoch))
        loop = runner.train_loop
        loader = getattr(loop, 'dataloader', None)
        if not (isinstance(loop, EpochBasedTrainLoop)
                and isinstance(loader, DataLoader) and loader.num_workers):
            return
        if not isinstance(loader.worker_init_fn, EpochWorkerInit):
            self._base_init = loader.worker_init_fn
        loader.worker_init_fn = EpochWorkerInit(self._base_init, runner.seed,
                                                get_rank(), runner.epoch)
        # a persistent worker pool would keep last epoch's generators; the
        # next iter() starts new workers with the new seeds
        _stop_workers(loader)

    def after_train(self, runner) -> None:
        # the last epoch's persistent workers would live as long as the
        # loader, past the end of training
        loader = getattr(runner.train_loop, 'dataloader', None)
        if isinstance(loader, DataLoader):
            _stop_workers(loader)

    def before_train_iter(self,
                          runner,
                          batch_idx: int,
                          data_batch: Optional[dict] = None) -> None:
        torch.manual_seed(derived_seed(runner.seed, _ITER, runner.iter))
