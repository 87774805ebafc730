"""tools/train.py resumes from its own checkpoints with weights_only=True."""
import json
import os
import os.path as osp
import subprocess
import sys

import torch

import grsim_mm  # noqa: F401  (allow-lists mmengine's checkpoint types)

# Runs tools/train.py in a fresh interpreter with torch.load wrapped so that
# every call's weights_only argument is recorded.
SPY = """
import json, runpy, sys, torch
calls = []
real_load = torch.load
def spy(*args, **kwargs):
    calls.append(kwargs.get('weights_only'))
    return real_load(*args, **kwargs)
torch.load = spy
sys.argv = sys.argv[1:]
try:
    runpy.run_path(sys.argv[0], run_name='__main__')
finally:
    with open(sys.argv[sys.argv.index('--work-dir') + 1] + '/loads.json',
              'w') as f:
        json.dump(calls, f)
"""


def run_train(repo_root, config, work_dir, *extra):
    env = {k: v for k, v in os.environ.items()
           if k != 'TORCH_FORCE_NO_WEIGHTS_ONLY_LOAD'}
    cmd = [sys.executable, '-c', SPY, osp.join(repo_root, 'tools', 'train.py'),
           config, '--work-dir', str(work_dir), *extra]
    proc = subprocess.run(cmd, cwd=repo_root, env=env, capture_output=True,
                          text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    with open(osp.join(work_dir, 'loads.json')) as f:
        return json.load(f)


def final_weights(work_dir):
    ckpt = torch.load(osp.join(work_dir, 'iter_4.pth'), weights_only=True)
    return ckpt['state_dict']


def test_resume_matches_uninterrupted_run(tmp_path, repo_root,
                                          tiny_seg_config, tiny_seg_data):
    data = f'train_dataloader.dataset.data_root={tiny_seg_data}'
    straight = tmp_path / 'straight'
    run_train(repo_root, tiny_seg_config, straight, '--cfg-options', data)

    split = tmp_path / 'split'
    first = run_train(repo_root, tiny_seg_config, split, '--cfg-options', data,
                      'train_cfg.max_iters=2')
    assert first == []  # nothing to load yet
    assert osp.isfile(split / 'iter_2.pth')
    loads = run_train(repo_root, tiny_seg_config, split, '--resume',
                      '--cfg-options', data)
    # the checkpoint was really read, and never with weights_only=False
    assert len(loads) >= 1
    assert False not in loads

    a, b = final_weights(straight), final_weights(split)
    assert a.keys() == b.keys()
    changed = 0
    for key in a:
        torch.testing.assert_close(a[key], b[key], rtol=0, atol=0)
        if a[key].is_floating_point():
            changed += 1
    assert changed > 0


def test_resume_from_explicit_checkpoint(tmp_path, repo_root, tiny_seg_config,
                                         tiny_seg_data):
    data = f'train_dataloader.dataset.data_root={tiny_seg_data}'
    first = tmp_path / 'first'
    run_train(repo_root, tiny_seg_config, first, '--cfg-options', data,
              'train_cfg.max_iters=2')
    second = tmp_path / 'second'
    run_train(repo_root, tiny_seg_config, second, '--resume',
              str(first / 'iter_2.pth'), '--cfg-options', data)
    # resumed at iteration 2, so only iter_4 is written in the new work dir
    assert sorted(p for p in os.listdir(second) if p.endswith('.pth')) == \
        ['iter_4.pth']
