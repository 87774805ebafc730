"""Teacher-temperature warm-up, weight-decay schedule and last-layer freezing,
with and without a model wrapper."""
import math
from types import SimpleNamespace

import numpy as np
import pytest
import torch
from mmengine.hooks import Hook
from mmengine.model import MMDistributedDataParallel, is_model_wrapper
from mmengine.optim import OptimWrapper
from mmengine.runner import IterBasedTrainLoop, Runner
from mmpretrain.structures import DataSample
from torch.utils.data import Dataset

from grsim_mm.engine.hooks import FreezeLastLayerHook, TeacherTempWarmupHook
from last_tiny import build_last, crops, set_max_iters

EPOCHS, ITERS_PER_EPOCH = 3, 2


def test_temperature_table_is_dinos_linspace():
    hook = TeacherTempWarmupHook(start_temp=0.04, end_temp=0.07, warmup=30)
    table = np.linspace(0.04, 0.07, 30)
    for index in (0, 1, 7, 29):
        assert hook.temperature(index) == pytest.approx(table[index])
    assert hook.temperature(30) == hook.temperature(1000) == 0.07
    assert TeacherTempWarmupHook(warmup=0).temperature(0) == 0.07
    single = TeacherTempWarmupHook(warmup=1)
    assert (single.temperature(0), single.temperature(1)) == (0.04, 0.07)


def test_temperature_by_iteration_and_epoch_guard():
    model = build_last()
    hook = TeacherTempWarmupHook(warmup=4, by_epoch=False)
    runner = SimpleNamespace(model=model, epoch=0, iter=2,
                             train_loop=object())
    hook.before_train(runner)
    hook.before_train_iter(runner, 0)
    assert model.teacher_temp == pytest.approx(0.06)
    runner.train_loop = IterBasedTrainLoop.__new__(IterBasedTrainLoop)
    with pytest.raises(ValueError, match='by_epoch=False'):
        TeacherTempWarmupHook().before_train(runner)


def test_frozen_layer_is_left_out_of_clipping_and_update():
    set_max_iters(10)
    model = build_last()
    optim = OptimWrapper(
        torch.optim.AdamW(model.parameters(), lr=0.1, weight_decay=0.04),
        clip_grad=dict(max_norm=1e6))
    runner = SimpleNamespace(model=model, optim_wrapper=optim, epoch=0,
                             iter=0)
    hook = FreezeLastLayerHook(end=1)
    hook.before_train(runner)
    hook.before_train_iter(runner, 0)
    direction = model.head.last_layer.parametrizations.weight.original1
    before = direction.detach().clone()
    loss = model.loss(crops(), [])['loss']
    optim.backward(loss)
    assert torch.all(direction.grad == 0)
    others = [p.grad for p in model.parameters()
              if p.grad is not None and p is not direction]
    assert sum(g.abs().sum() for g in others) > 0
    expected_norm = torch.stack([g.norm() for g in others]).norm().item()
    optim.step()
    assert optim.message_hub.get_scalar(
        'train/grad_norm').current() == pytest.approx(expected_norm,
                                                       rel=1e-5)
    assert torch.equal(direction, before)  # not even weight decay
    assert direction not in optim.optimizer.state
    optim.zero_grad()
    runner.epoch = 1
    hook.before_train_iter(runner, 0)
    optim.update_params(model.loss(crops(), [])['loss'])
    assert not torch.equal(direction, before)
    hook.after_train(runner)
    assert not hook._handles


class RandomCrops(Dataset):

    def __len__(self):
        return ITERS_PER_EPOCH * 2

    def __getitem__(self, index):
        views = [v[0] for v in crops(batch=1, seed=index)]
        return dict(inputs=views, data_samples=DataSample())


class Record(Hook):
    """Values used by each iteration, read before the schedulers step."""

    priority = 'VERY_HIGH'

    def __init__(self):
        self.rows = []

    def after_train_iter(self, runner, batch_idx, data_batch=None,
                         outputs=None):
        model = runner.model.module if is_model_wrapper(
            runner.model) else runner.model
        groups = runner.optim_wrapper.param_groups
        weight = model.backbone.patch_embed.projection.weight
        bias = model.backbone.patch_embed.projection.bias
        direction = model.head.last_layer.parametrizations.weight.original1
        self.rows.append(dict(
            iter=runner.iter,
            temp=float(outputs['teacher_temp']),
            wd=next(g['weight_decay'] for g in groups
                    if any(p is weight for p in g['params'])),
            bias_wd=next(g['weight_decay'] for g in groups
                         if any(p is bias for p in g['params'])),
            direction=direction.detach().clone()))


@pytest.fixture
def process_group(gloo_group, monkeypatch):
    """The one-process gloo group of a torchrun start on the CPU, without
    the thread limits mmengine sets."""
    for key in ('OMP_NUM_THREADS', 'MKL_NUM_THREADS'):  # mmengine sets them
        monkeypatch.delenv(key, raising=False)


def train(work_dir, wrapped):
    record = Record()
    runner = Runner(
        model=build_last(),
        work_dir=str(work_dir),
        train_dataloader=dict(
            dataset=RandomCrops(), batch_size=2, num_workers=0,
            sampler=dict(type='DefaultSampler', shuffle=False),
            collate_fn=dict(type='default_collate')),
        optim_wrapper=dict(
            optimizer=dict(type='AdamW', lr=1e-3, weight_decay=0.04),
            paramwise_cfg=dict(norm_decay_mult=0., bias_decay_mult=0.),
            clip_grad=dict(max_norm=3.0)),
        param_scheduler=[
            dict(type='CosineAnnealingParamScheduler',
                 param_name='weight_decay', eta_min_ratio=10., begin=0,
                 end=EPOCHS, by_epoch=True, convert_to_iter_based=True)
        ],
        train_cfg=dict(by_epoch=True, max_epochs=EPOCHS),
        default_hooks=dict(checkpoint=None, logger=dict(
            type='LoggerHook', interval=1)),
        custom_hooks=[
            dict(type='TeacherTempWarmupHook', start_temp=0.04,
                 end_temp=0.07, warmup=3),
            dict(type='FreezeLastLayerHook', end=1), record
        ],
        launcher='pytorch' if wrapped else 'none',
        cfg=dict(model_wrapper_cfg=dict(type='MMDistributedDataParallel',
                                        device_ids=None)) if wrapped else None,
        log_level='WARNING',
        randomness=dict(seed=0),
        default_scope='mmpretrain',
        experiment_name=f'last_schedules_{wrapped}')
    runner.train()
    assert isinstance(runner.model, MMDistributedDataParallel) == wrapped
    return record.rows


def check_schedules(rows):
    assert [r['iter'] for r in rows] == list(range(EPOCHS * ITERS_PER_EPOCH))
    total = EPOCHS * ITERS_PER_EPOCH
    for row in rows:
        epoch = row['iter'] // ITERS_PER_EPOCH
        assert row['temp'] == pytest.approx([0.04, 0.055, 0.07][epoch])
        # DINO: cosine from 0.04 to 0.4 over all iterations
        expected_wd = 0.4 + 0.5 * (0.04 - 0.4) * (
            1 + math.cos(math.pi * row['iter'] / total))
        assert row['wd'] == pytest.approx(expected_wd, rel=1e-9)
        assert row['bias_wd'] == 0
    assert rows[0]['wd'] == pytest.approx(0.04)
    assert rows[3]['wd'] == pytest.approx(0.22)
    # the last layer keeps its start during epoch 0 and learns afterwards
    assert torch.equal(rows[0]['direction'], rows[1]['direction'])
    assert not torch.equal(rows[1]['direction'], rows[2]['direction'])


def test_schedules_without_wrapper(tmp_path):
    check_schedules(train(tmp_path, wrapped=False))


def test_schedules_with_ddp(tmp_path, process_group):
    check_schedules(train(tmp_path, wrapped=True))
