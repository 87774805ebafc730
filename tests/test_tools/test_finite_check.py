"""A diverged training stops with an error before it writes a checkpoint,
and the last good checkpoint (max_keep_ckpts=1, save_best) survives."""
import os
import os.path as osp

import pytest
import torch
from mmengine.config import Config
from mmengine.runner import Runner

import grsim_mm  # noqa: F401  (registers the hook, allow-lists checkpoints)


def config(tiny_seg_config, data_root, work_dir, jump_at, gamma=1e30):
    """The tiny run, validated and checkpointed every 2 iterations keeping
    one last and one best file, whose learning rate jumps by ``gamma`` at
    iteration index ``jump_at``."""
    cfg = Config.fromfile(tiny_seg_config)
    cfg.work_dir = str(work_dir)
    cfg.train_dataloader.dataset.data_root = data_root
    cfg.param_scheduler = [
        dict(type='MultiStepLR', milestones=[jump_at], gamma=gamma, begin=0,
             end=4, by_epoch=False)
    ]
    cfg.default_hooks.checkpoint.update(
        max_keep_ckpts=1, save_best='mIoU', rule='greater')
    cfg.train_cfg = dict(type='IterBasedTrainLoop', max_iters=4,
                         val_interval=2)
    cfg.val_dataloader = dict(
        batch_size=2, num_workers=0,
        sampler=dict(type='DefaultSampler', shuffle=False),
        dataset=cfg.train_dataloader.dataset)
    cfg.val_evaluator = dict(type='IoUMetric')
    cfg.val_cfg = dict(type='ValLoop')
    return cfg


def checkpoints(work_dir):
    return sorted(p for p in os.listdir(work_dir) if p.endswith('.pth'))


def weights(path):
    return torch.load(path, weights_only=True)['state_dict']


def test_nan_loss_stops_and_keeps_the_good_checkpoints(
        tmp_path, tiny_seg_config, tiny_seg_data, one_thread):
    # lr x 1e30 from the third iteration: its update makes the weights NaN
    # and the fourth loss NaN. Without the check the run went on, exited 0,
    # removed iter_2.pth (max_keep_ckpts=1) and wrote NaN into iter_4.pth.
    good = tmp_path / 'good'
    reference_cfg = config(tiny_seg_config, tiny_seg_data, good, 2)
    reference_cfg.train_cfg.max_iters = 2
    Runner.from_cfg(reference_cfg).train()
    broken = tmp_path / 'broken'
    runner = Runner.from_cfg(config(tiny_seg_config, tiny_seg_data, broken,
                                    2))
    with pytest.raises(FloatingPointError) as error:
        runner.train()
    message = str(error.value)
    assert 'iteration 4: the loss is not finite (loss=nan' in message
    assert osp.join(str(broken), 'iter_2.pth') in message
    assert 'optim_wrapper.optimizer.lr' in message
    assert checkpoints(broken) == ['best_mIoU_iter_2.pth', 'iter_2.pth']
    for name in ('iter_2.pth', 'best_mIoU_iter_2.pth'):
        kept, reference = weights(broken / name), weights(good / 'iter_2.pth')
        assert kept.keys() == reference.keys()
        for key in kept:
            torch.testing.assert_close(kept[key], reference[key], rtol=0,
                                       atol=0)


def test_nan_weights_are_never_saved(tmp_path, tiny_seg_config,
                                     tiny_seg_data, one_thread):
    # a NaN learning rate for the second update: its loss was still
    # finite, but the weights the iteration-2 checkpoint would hold are not
    work_dir = tmp_path / 'work'
    runner = Runner.from_cfg(config(tiny_seg_config, tiny_seg_data, work_dir,
                                    1, gamma=float('nan')))
    with pytest.raises(FloatingPointError,
                       match=r'iteration 2: weights are not finite: '
                       r"\['backbone(.|\n)*No checkpoint had been written"):
        runner.train()
    assert checkpoints(work_dir) == []


def base_closure(path):
    """Every file a config inherits, read from the ``_base_`` lists
    without executing them."""
    seen, todo = set(), [osp.abspath(path)]
    while todo:
        current = todo.pop()
        for base in Config._get_base_files(current):
            base = osp.abspath(osp.join(osp.dirname(current), base))
            if base not in seen:
                seen.add(base)
                todo.append(base)
    return seen


def test_every_config_has_the_check(repo_root):
    """Every schedule brings both safety hooks, and every leaf inherits a
    schedule without removing them (parsing all 80-odd leaves in full
    would take half a minute)."""
    schedules = osp.join(repo_root, 'configs', '_base_', 'schedules')
    for name in sorted(n for n in os.listdir(schedules)
                       if n.endswith('.py')):
        hooks = Config.fromfile(osp.join(schedules, name)).default_hooks
        assert hooks.finite_check.type == 'FiniteCheckHook', name
        assert hooks.seed_schedule.type == 'SeedScheduleHook', name
    leaves = [osp.join(root, name)
              for root, _, names in os.walk(osp.join(repo_root, 'configs'))
              if '_base_' not in root for name in names
              if name.endswith('.py')]
    assert len(leaves) > 20
    for leaf in leaves:
        assert any(osp.dirname(base) == schedules
                   for base in base_closure(leaf)), leaf
        with open(leaf) as f:
            text = f.read()
        assert 'finite_check' not in text and 'seed_schedule' not in text, \
            leaf
