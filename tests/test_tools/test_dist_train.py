"""tools/dist_train.sh runs 2-process gloo DDP on a CPU-only machine."""
import os
import os.path as osp
import socket
import subprocess
import sys

import torch

import grsim_mm  # noqa: F401  (allow-lists mmengine's checkpoint types)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(('127.0.0.1', 0))
        return s.getsockname()[1]


def test_two_process_gloo_run_writes_one_checkpoint(tmp_path, repo_root,
                                                    tiny_seg_config,
                                                    tiny_seg_data):
    work_dir = tmp_path / 'work'
    env = dict(os.environ,
               PYTHON=sys.executable,
               PORT=str(free_port()),
               CUDA_VISIBLE_DEVICES='')
    cmd = ['bash', osp.join(repo_root, 'tools', 'dist_train.sh'),
           tiny_seg_config, '2', '--work-dir', str(work_dir),
           '--cfg-options', f'train_dataloader.dataset.data_root={tiny_seg_data}',
           'train_cfg.max_iters=2']
    proc = subprocess.run(cmd, cwd=repo_root, env=env, capture_output=True,
                          text=True, timeout=300)
    out = proc.stdout + proc.stderr
    assert proc.returncode == 0, out[-4000:]
    assert sorted(p for p in os.listdir(work_dir) if p.endswith('.pth')) == \
        ['iter_2.pth']
    assert 'Distributed training is not used' not in out
    ckpt = torch.load(work_dir / 'iter_2.pth', weights_only=True)
    assert ckpt['meta']['iter'] == 2
    # SyncBN was replaced by BN, so the weights hold BN running statistics
    assert any(k.endswith('running_mean') for k in ckpt['state_dict'])
