"""SeedScheduleHook: data workers draw from (seed, rank, epoch, worker),
the same again for the same position, and otherwise differently (mmengine
alone seeds the workers of every epoch alike)."""
import random
from types import SimpleNamespace

import numpy as np
import torch
from mmengine.runner import EpochBasedTrainLoop
from torch.utils.data import DataLoader, Dataset

from grsim_mm.engine.hooks import SeedScheduleHook
from grsim_mm.engine.hooks.seed_schedule_hook import derived_seed


class Draws(Dataset):
    """Each item: one draw from each generator a transform may use."""

    def __len__(self):
        return 4

    def __getitem__(self, index):
        return torch.tensor([
            np.random.randint(1 << 30),
            random.randrange(1 << 30),
            int(torch.randint(1 << 30, ()))
        ])


def same_seed_every_epoch(worker_id):
    np.random.seed(worker_id)  # what mmengine's worker_init_fn does
    random.seed(worker_id)
    torch.manual_seed(worker_id)


def epoch_draws(hook, runner, epoch):
    runner.epoch = epoch
    hook.before_train_epoch(runner)
    return torch.cat(list(runner.train_loop.dataloader))


def test_workers_follow_the_epoch():
    loader = DataLoader(Draws(), batch_size=2, num_workers=1,
                        persistent_workers=True,
                        worker_init_fn=same_seed_every_epoch)
    loop = EpochBasedTrainLoop.__new__(EpochBasedTrainLoop)
    loop.dataloader = loader
    runner = SimpleNamespace(seed=0, epoch=0, train_loop=loop)
    hook = SeedScheduleHook()
    first, second = (epoch_draws(hook, runner, e) for e in (0, 1))
    again = epoch_draws(hook, runner, 0)
    hook.after_train(runner)
    assert loader._iterator is None  # no worker outlives the training
    assert torch.equal(first, again)
    # every generator moves on with the epoch, unlike mmengine's seeding
    assert (first != second).all()
    # and the main process is seeded from (seed, epoch)
    np.random.seed(derived_seed(0, 0, 0))
    expected = np.random.randint(1 << 30)
    hook.before_train_epoch(SimpleNamespace(seed=0, epoch=0,
                                            train_loop=None))
    assert np.random.randint(1 << 30) == expected
