"""tools/train.py resumes from its own checkpoints with weights_only=True,
and a resumed run ends bit-identical to an uninterrupted one."""
import os
import os.path as osp
import signal
import subprocess
import sys
import warnings

import numpy as np
import pytest
import rasterio
import torch
from rasterio.errors import NotGeoreferencedWarning
from test_dist_train import free_port

import grsim_mm  # noqa: F401  (allow-lists mmengine's checkpoint types)


def run_train(monkeypatch, config, work_dir, *extra):
    """tools/train.py's main in this process, with torch.load wrapped so
    that every call's weights_only argument is recorded."""
    from grsim_mm.cli.train import main
    calls = []
    real_load = torch.load

    def spy(*args, **kwargs):
        calls.append(kwargs.get('weights_only'))
        return real_load(*args, **kwargs)

    with monkeypatch.context() as patch:
        patch.delenv('TORCH_FORCE_NO_WEIGHTS_ONLY_LOAD', raising=False)
        patch.setattr(torch, 'load', spy)
        main([config, '--work-dir', str(work_dir), *extra])
    return calls


def final_weights(work_dir):
    ckpt = torch.load(osp.join(work_dir, 'iter_4.pth'), weights_only=True)
    return ckpt['state_dict']


def test_resume_matches_uninterrupted_run(tmp_path, tiny_seg_config,
                                          tiny_seg_data, monkeypatch,
                                          one_thread, plain_config_text):
    data = f'train_dataloader.dataset.data_root={tiny_seg_data}'
    straight = tmp_path / 'straight'
    run_train(monkeypatch, tiny_seg_config, straight, '--cfg-options', data)

    split = tmp_path / 'split'
    first = run_train(monkeypatch, tiny_seg_config, split, '--cfg-options',
                      data, 'train_cfg.max_iters=2')
    assert first == []  # nothing to load yet
    assert osp.isfile(split / 'iter_2.pth')
    loads = run_train(monkeypatch, tiny_seg_config, split, '--resume',
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


def test_resume_from_explicit_checkpoint(tmp_path, tiny_seg_config,
                                         tiny_seg_data, monkeypatch,
                                         one_thread, plain_config_text):
    data = f'train_dataloader.dataset.data_root={tiny_seg_data}'
    first = tmp_path / 'first'
    run_train(monkeypatch, tiny_seg_config, first, '--cfg-options', data,
              'train_cfg.max_iters=2')
    second = tmp_path / 'second'
    run_train(monkeypatch, tiny_seg_config, second, '--resume',
              str(first / 'iter_2.pth'), '--cfg-options', data)
    # resumed at iteration 2, so only iter_4 is written in the new work dir
    assert sorted(p for p in os.listdir(second) if p.endswith('.pth')) == \
        ['iter_4.pth']


# --- random views, data workers, one and two processes ----------------------

@pytest.fixture
def tiny_tiles(tmp_path) -> str:
    """Eight 4-band uint8 tiles of 48 px with some structure."""
    (tmp_path / 'tiles' / 'img').mkdir(parents=True)
    rng = np.random.default_rng(0)
    for i in range(8):
        coarse = rng.integers(0, 256, (4, 7, 7))
        data = coarse.repeat(8, 1).repeat(8, 2)[:, :48, :48]
        data = np.clip(data + rng.integers(-20, 21, data.shape), 0, 255)
        with warnings.catch_warnings():
            warnings.simplefilter('ignore', NotGeoreferencedWarning)
            with rasterio.open(tmp_path / 'tiles' / 'img' / f'{i}.tif', 'w',
                               driver='GTiff', count=4, height=48, width=48,
                               dtype='uint8') as dst:
                dst.write(data.astype(np.uint8))
    return str(tmp_path / 'tiles')


def checkpoint_tensors(path):
    """Weights, buffers and optimizer state of a checkpoint, by name."""
    ckpt = torch.load(path, weights_only=True)
    assert ckpt['meta']['epoch'] == 2
    tensors = dict(ckpt['state_dict'])
    for index, state in ckpt['optimizer']['state'].items():
        for key, value in state.items():
            tensors[f'optimizer.{index}.{key}'] = value
    return tensors


def same_checkpoints(a, b) -> bool:
    """Bit for bit, or False."""
    a, b = checkpoint_tensors(a), checkpoint_tensors(b)
    assert a.keys() == b.keys()
    return all(torch.equal(a[key], b[key]) for key in a)


@pytest.fixture
def plain_config_text(monkeypatch):
    """Skip yapf's formatting of the config text that mmengine puts in
    every checkpoint and log (seconds a run, irrelevant here)."""
    import mmengine.config.config as config_module
    monkeypatch.setattr(config_module, 'FormatCode',
                        lambda text, **kwargs: (text, False))


def straight_and_resumed(tmp_path, repo_root, tiles):
    """Epoch 2 of an uninterrupted 2-epoch run and of a run resumed from
    its epoch-1 checkpoint, in this process."""
    from grsim_mm.cli.train import main
    config = osp.join(repo_root, 'tests', 'data', 'tiny_glcnet_config.py')
    options = [f'train_dataloader.dataset.data_root={tiles}']
    straight, resumed = tmp_path / 'straight', tmp_path / 'resumed'
    main([config, '--work-dir', str(straight), '--cfg-options', *options])
    main([config, '--work-dir', str(resumed), '--resume',
          str(straight / 'epoch_1.pth'), '--cfg-options', *options])
    return straight / 'epoch_2.pth', resumed / 'epoch_2.pth'


def test_glcnet_resume_is_bit_identical(tmp_path, repo_root, tiny_tiles,
                                        one_thread, plain_config_text):
    """Random views and window pairs drawn by two persistent workers, ASPP
    dropout in the model: resuming from the epoch-1 checkpoint ends on the
    same weights and optimizer state as the uninterrupted run."""
    assert same_checkpoints(
        *straight_and_resumed(tmp_path, repo_root, tiny_tiles))


def test_glcnet_resume_without_the_schedule_differs(tmp_path, repo_root,
                                                    tiny_tiles, one_thread,
                                                    plain_config_text,
                                                    monkeypatch):
    """The failure the hook removes: mmengine alone re-seeds the generators
    on resume and restarts the workers from their first-epoch seeds, so
    the resumed epoch draws other views and ends on other weights."""
    from mmengine.hooks import Hook

    from grsim_mm.engine.hooks import SeedScheduleHook
    for stage in ('before_train_epoch', 'before_train_iter'):
        monkeypatch.setattr(SeedScheduleHook, stage, getattr(Hook, stage))
    assert not same_checkpoints(
        *straight_and_resumed(tmp_path, repo_root, tiny_tiles))


def test_glcnet_two_process_resume_is_bit_identical(tmp_path, repo_root,
                                                    tiny_tiles):
    """The same with 2 gloo processes through tools/dist_train.sh: each rank
    seeds its workers with its rank, and both resume from the one file.
    Run as a process group that is killed whole on a timeout."""
    config = osp.join(repo_root, 'tests', 'data', 'tiny_glcnet_config.py')
    env = dict(os.environ, PYTHON=sys.executable, CUDA_VISIBLE_DEVICES='',
               OMP_NUM_THREADS='1')

    def dist_train(work_dir, *extra):
        env['PORT'] = str(free_port())
        cmd = ['bash', osp.join(repo_root, 'tools', 'dist_train.sh'), config,
               '2', '--work-dir', str(work_dir), *extra, '--cfg-options',
               f'train_dataloader.dataset.data_root={tiny_tiles}']
        proc = subprocess.Popen(cmd, cwd=repo_root, env=env,
                                stdout=subprocess.PIPE,
                                stderr=subprocess.STDOUT, text=True,
                                start_new_session=True)
        try:
            out, _ = proc.communicate(timeout=300)
        finally:
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
        assert proc.returncode == 0, out[-4000:]

    straight, resumed = tmp_path / 'straight', tmp_path / 'resumed'
    dist_train(straight)
    dist_train(resumed, '--resume', str(straight / 'epoch_1.pth'))
    assert same_checkpoints(straight / 'epoch_2.pth', resumed / 'epoch_2.pth')
