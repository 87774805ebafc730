"""The released learning rate of FALSE/GraSS, built from the schedule
config, against the values of the spec (VISSL's composite schedule)."""
import os.path as osp

import pytest
import torch
from mmengine.config import Config
from mmengine.registry import DefaultScope
from mmpretrain.registry import PARAM_SCHEDULERS

import grsim_mm  # noqa: F401
from grsim_mm.engine.schedulers import CosineWarmRestartLR

REPO = osp.dirname(osp.dirname(osp.dirname(osp.abspath(__file__))))
SCHEDULE = osp.join(REPO, 'configs', '_base_', 'schedules',
                    'sgd-lars-warmrestart_200e.py')
EPOCH_LENGTH = 10  # 2000 steps over 200 epochs
# fraction of training -> lr, from VISSL's formulas (spec section 1.4)
TABLE = {
    0.0: 0.6,
    0.05: 2.7,
    0.1: 3.5968486,
    0.2: 2.7020856,
    0.3: 0.9093222,
    0.4: 0.0048353,
    0.5: 0.2980301,
    0.6: 0.8919828,
    0.7: 1.1948662,
    0.8: 0.9048928,
    0.9: 0.3109867,
    0.99: 0.0093192,
}


def optimizer(lr):
    return torch.optim.SGD([torch.nn.Parameter(torch.zeros(1))], lr=lr)


def lr_per_step(scheduler, opt, steps):
    values = []
    for _ in range(steps):
        values.append(opt.param_groups[0]['lr'])
        opt.step()
        scheduler.step()
    return values


def test_released_schedule_from_the_config():
    cfg = Config.fromfile(SCHEDULE)
    assert cfg.optim_wrapper.optimizer.type == 'LARS'
    assert cfg.optim_wrapper.optimizer.lr == 4.8
    opt = optimizer(cfg.optim_wrapper.optimizer.lr)
    # what the Runner adds: the end of training and the epoch length
    scheduler_cfg = dict(cfg.param_scheduler[0], end=cfg.max_epochs)
    with DefaultScope.overwrite_default_scope('mmpretrain'):
        scheduler = PARAM_SCHEDULERS.build(
            scheduler_cfg,
            default_args=dict(optimizer=opt, epoch_length=EPOCH_LENGTH))
    assert not scheduler.by_epoch  # updated every step
    steps = cfg.max_epochs * EPOCH_LENGTH
    values = lr_per_step(scheduler, opt, steps)
    for fraction, expected in TABLE.items():
        assert values[round(fraction * steps)] == pytest.approx(
            expected, rel=1e-6, abs=1e-7), fraction
    # the warm-up rises to 4.8, then drops to the first adaptive peak
    assert values[199] == pytest.approx(0.6 + 4.2 * 199 / 200)
    assert max(values) < 4.8
    assert scheduler.peaks == pytest.approx(
        [3.5968486 / 4.8, 1.1949130 / 4.8], rel=1e-6)


def test_half_wave_and_fixed_restart_factor():
    """r = 0.5, no warm-up: restarts at 0 and 0.5; at 0.75 the cosine is
    half-way down from the second peak."""
    for adaptive, peak in ((True, 0.5), (False, 0.3)):
        opt = optimizer(1.0)
        scheduler = CosineWarmRestartLR(
            opt, warmup_ratio=0.0, eta_min_ratio=0.0, restart_interval=0.5,
            wave='half', adaptive=adaptive, restart_factor=0.3, end=100,
            by_epoch=False)
        values = lr_per_step(scheduler, opt, 100)
        assert values[0] == 1.0 and values[50] == pytest.approx(peak)
        assert values[75] == pytest.approx(peak / 2)


def test_resume_from_the_step_count():
    opt = optimizer(4.8)
    straight = lr_per_step(CosineWarmRestartLR(opt, end=100, by_epoch=False),
                           opt, 100)
    opt = optimizer(4.8)
    opt.param_groups[0]['initial_lr'] = 4.8  # kept in the optimizer state
    CosineWarmRestartLR(opt, end=100, last_step=59, by_epoch=False)
    assert opt.param_groups[0]['lr'] == pytest.approx(straight[60])


def test_needs_a_span():
    with pytest.raises(ValueError, match='end'):
        CosineWarmRestartLR(optimizer(1.0))
