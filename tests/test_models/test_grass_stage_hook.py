"""GraSSStageHook switches the model to gradient-guided sampling on time."""
from types import SimpleNamespace

import pytest
import torch
from mmengine.logging import MMLogger
from mmengine.model import BaseModel, MMDistributedDataParallel
from mmengine.runner import Runner
from torch.utils.data import Dataset

from grsim_mm.engine.hooks import GraSSStageHook


class StagedModel(BaseModel):
    """Records the stage each training step ran in; its loss is 1 in the
    warm-up and 2 with sampling (lr 0 keeps the weight at 1)."""

    def __init__(self):
        super().__init__()
        self.weight = torch.nn.Parameter(torch.ones(1))
        self.gs_active = False
        self.stages = []

    def forward(self, inputs, data_samples=None, mode='loss'):
        self.stages.append(self.gs_active)
        scale = 2.0 if self.gs_active else 1.0
        return dict(loss=scale * (self.weight * inputs).sum())


class Items(Dataset):

    def __len__(self):
        return 2

    def __getitem__(self, idx):
        return dict(inputs=torch.ones(1))


def fake_runner(model, epoch=0, max_epochs=5):
    return SimpleNamespace(model=model, epoch=epoch, max_epochs=max_epochs,
                           logger=MMLogger.get_instance('grass_hook_test'))


@pytest.mark.parametrize('warmup,expected', [
    (2, [False, False, True, True, True]),
    (0, [True] * 5),
    (5, [False] * 5),
])
def test_stage_per_epoch(warmup, expected):
    model = StagedModel()
    hook = GraSSStageHook(warmup_epochs=warmup)
    runner = fake_runner(model)
    hook.before_train(runner)
    seen = []
    for epoch in range(5):
        runner.epoch = epoch
        hook.before_train_epoch(runner)
        seen.append(model.gs_active)
    assert seen == expected


def test_resume_lands_in_the_right_stage():
    model = StagedModel()
    GraSSStageHook(warmup_epochs=3).before_train_epoch(
        fake_runner(model, epoch=4))
    assert model.gs_active
    GraSSStageHook(warmup_epochs=3).before_train_epoch(
        fake_runner(model, epoch=2))
    assert not model.gs_active


def test_unwraps_ddp(gloo_group):
    model = StagedModel()
    wrapped = MMDistributedDataParallel(module=model)
    GraSSStageHook(warmup_epochs=1).before_train_epoch(
        fake_runner(wrapped, epoch=1))
    assert model.gs_active
    assert not hasattr(wrapped, 'gs_active')


def test_model_without_switch_is_an_error():
    runner = fake_runner(torch.nn.Linear(1, 1))
    with pytest.raises(TypeError, match='Linear has no boolean `gs_active`'):
        GraSSStageHook(warmup_epochs=1).before_train(runner)


@pytest.mark.parametrize('value', [-1, 1.5, True, '2'])
def test_bad_warmup(value):
    with pytest.raises(ValueError, match='warmup_epochs'):
        GraSSStageHook(warmup_epochs=value)


def test_in_a_runner(tmp_path):
    model = StagedModel()
    runner = Runner(
        model=model,
        work_dir=str(tmp_path),
        train_dataloader=dict(
            dataset=Items(), batch_size=1, num_workers=0,
            sampler=dict(type='DefaultSampler', shuffle=False),
            collate_fn=dict(type='default_collate')),
        optim_wrapper=dict(optimizer=dict(type='SGD', lr=0.0)),
        train_cfg=dict(by_epoch=True, max_epochs=3),
        default_hooks=dict(checkpoint=None, logger=dict(type='LoggerHook',
                                                         interval=1)),
        custom_hooks=[
            dict(type='GraSSStageHook', warmup_epochs=1),
            dict(type='TrainLossCheckpointHook')
        ],
        default_scope='mmpretrain',
        experiment_name='grass_stage_hook_runner')
    runner.train()
    # two steps per epoch: the first epoch is warm-up
    assert model.stages == [False, False, True, True, True, True]
    # the warm-up's lower loss does not make its checkpoint the best: the
    # best file is the first one of gradient-guided sampling, and alone
    assert sorted(p.name for p in tmp_path.glob('best_loss_*.pth')) == [
        'best_loss_epoch_2.pth'
    ]


def test_iteration_loop_is_an_error(tmp_path):
    runner = Runner(
        model=StagedModel(),
        work_dir=str(tmp_path),
        train_dataloader=dict(
            dataset=Items(), batch_size=1, num_workers=0,
            sampler=dict(type='InfiniteSampler', shuffle=False),
            collate_fn=dict(type='default_collate')),
        optim_wrapper=dict(optimizer=dict(type='SGD', lr=0.0)),
        train_cfg=dict(by_epoch=False, max_iters=2),
        default_hooks=dict(checkpoint=None),
        custom_hooks=[dict(type='GraSSStageHook', warmup_epochs=1)],
        default_scope='mmpretrain',
        experiment_name='grass_stage_hook_iter')
    with pytest.raises(ValueError, match='iteration based'):
        runner.train()
