"""Study stages run the train/test entry points as modules, from any
directory."""
import os
import os.path as osp
import re

import pytest

from grsim_mm.study import (StageError, entry_point_command, read_scalars,
                            train)


def test_train_entry_point_from_another_directory(tmp_path, tiny_seg_config,
                                                  tiny_seg_data):
    # A run directory with its own configs/: the relative config path, data
    # root and work dir resolve against it, not against the checkout.
    run_dir = tmp_path / 'elsewhere'
    (run_dir / 'configs').mkdir(parents=True)
    # the copy inherits the checkout's runtime by absolute path
    runtime = osp.join(osp.dirname(tiny_seg_config), '..', '..', 'configs',
                       '_base_', 'default_runtime.py')
    text = open(tiny_seg_config).read().replace(
        "'../../configs/_base_/default_runtime.py'",
        repr(osp.abspath(runtime)))
    (run_dir / 'configs' / 'tiny.py').write_text(text)
    os.symlink(tiny_seg_data, run_dir / 'data')
    work_dir = train(
        'configs/tiny.py', 'work', {
            'train_dataloader.dataset.data_root': 'data',
            'auto_scale_lr.base_batch_size': 4,
            'train_cfg.max_iters': 2,
            'default_hooks.checkpoint.interval': 2,
        }, name='tiny', cwd=str(run_dir), extra_args=['--auto-scale-lr'])
    assert work_dir == str(run_dir / 'work')
    assert osp.isfile(run_dir / 'work' / 'iter_2.pth')
    log = open(run_dir / 'work' / 'stdout.log').read()
    assert 'Iter(train) [2/2]' in log
    # the stage's own wall and CPU time close its log
    wall, cpu = re.search(r'\[tiny\] wall ([\d.]+) s, CPU ([\d.]+) s\n$',
                          log).groups()
    assert 0 < float(cpu) and 0 < float(wall)
    # --auto-scale-lr: Adam's lr 1e-2 x (1 GPU x batch 2) / base batch 4
    lrs = [r['lr'] for r in read_scalars(work_dir) if 'lr' in r]
    assert lrs == pytest.approx([5e-3, 5e-3])


def test_a_failing_stage_names_its_log(tmp_path):
    config = tmp_path / 'broken.py'
    config.write_text("raise ValueError('broken on purpose')\n")
    with pytest.raises(StageError) as info:
        train(str(config), str(tmp_path / 'work'), name='broken')
    log = str(tmp_path / 'work' / 'stdout.log')
    message = str(info.value)
    assert f'its log: {log}' in message
    assert 'grsim_mm.cli.train' in message
    assert 'broken on purpose' in open(log).read()
    assert '[broken] wall' in open(log).read()


def test_entry_points_are_modules():
    cmd = entry_point_command('test', ['c.py', 'x.pth'])
    assert cmd[1:] == ['-m', 'grsim_mm.cli.test', 'c.py', 'x.pth']
    with pytest.raises(KeyError, match='unknown entry point'):
        entry_point_command('predict', [])
