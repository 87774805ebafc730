"""The fine-tune config under tools/dist_train.sh: 2 gloo processes on CPU."""
import glob
import os
import os.path as osp
import socket
import subprocess
import sys

import torch

from grsim_mm.study import SEG_LOADERS, cfg_options_to_args


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(('127.0.0.1', 0))
        return s.getsockname()[1]


def test_two_process_finetune_from_glcnet(repo_root, finetune_config,
                                          demo_root, glcnet_checkpoint,
                                          tmp_path):
    work_dir = tmp_path / 'work'
    tile = (64, 64)
    options = {
        'model.init_cfg.checkpoint': glcnet_checkpoint,
        'model.data_preprocessor.size': tile,
        'train_dataloader.batch_size': 2,
        'train_cfg.max_epochs': 1,
        'default_hooks.checkpoint.interval': 1,
    }
    for loader in SEG_LOADERS:
        options.update({
            f'{loader}.num_workers': 0,
            f'{loader}.persistent_workers': False,
            f'{loader}.dataset.data_root': demo_root,
        })
    env = dict(os.environ, PYTHON=sys.executable, PORT=str(_free_port()),
               CUDA_VISIBLE_DEVICES='')
    cmd = ['bash', osp.join(repo_root, 'tools', 'dist_train.sh'),
           finetune_config, '2', '--work-dir', str(work_dir),
           *cfg_options_to_args(options)]
    proc = subprocess.run(cmd, cwd=repo_root, env=env, capture_output=True,
                          text=True, timeout=600)
    out = proc.stdout + proc.stderr
    assert proc.returncode == 0, out[-4000:]
    assert 'Distributed training is not used' not in out
    # Initialised from the GLCNet checkpoint (rank 0 logs; the Runner then
    # broadcasts its weights).
    assert "with mode 'backbone+aspp': " in out
    best = glob.glob(str(work_dir / 'best_mIoU_epoch_1.pth'))
    assert len(best) == 1
    # 4 trainR1 tiles shared by 2 ranks at batch 2: one step per epoch.
    ckpt = torch.load(best[0], weights_only=True)
    assert ckpt['meta']['iter'] == 1
