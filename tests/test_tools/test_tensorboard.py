"""The tensorboard config switch: one flag, TensorBoard events beside the
JSON scalars."""
import glob
import os.path as osp

import pytest
from mmengine.config import Config

from grsim_mm.cli import train as train_cli
from grsim_mm.study import read_scalars
from grsim_mm.utils import apply_tensorboard_switch

FINETUNE = ('configs/finetune/'
            'deeplabv3plus_r18-os16_glcnet_1xb8-40e_demo-1pct.py')
PRETRAIN = 'configs/glcnet/glcnet_r18-os16_1xb16-2e_demo.py'


@pytest.mark.parametrize('config', [FINETUNE, PRETRAIN])
def test_switch_adds_the_backend_once(repo_root, config):
    cfg = Config.fromfile(osp.join(repo_root, config))
    assert cfg.tensorboard is False
    kept = apply_tensorboard_switch(cfg).visualizer.vis_backends
    assert [b['type'] for b in kept] == ['LocalVisBackend']
    cfg.merge_from_dict({'tensorboard': True})
    for _ in range(2):
        cfg = apply_tensorboard_switch(cfg)
    assert [b['type'] for b in cfg.visualizer.vis_backends] == [
        'LocalVisBackend', 'TensorboardVisBackend']


def test_training_writes_tensorboard_events(tmp_path, tiny_seg_config,
                                            tiny_seg_data):
    from tensorboard.backend.event_processing.event_accumulator import \
        EventAccumulator
    work_dir = str(tmp_path / 'work')
    train_cli.main([
        tiny_seg_config, '--work-dir', work_dir, '--cfg-options',
        f'train_dataloader.dataset.data_root={tiny_seg_data}',
        'train_cfg.max_iters=2', 'tensorboard=True'
    ])
    events, = glob.glob(osp.join(work_dir, '*', 'vis_data',
                                 'events.out.tfevents.*'))
    acc = EventAccumulator(osp.dirname(events))
    acc.Reload()
    logged = [(e.step, e.value) for e in acc.Scalars('loss')]
    expected = [(r['step'], r['loss']) for r in read_scalars(work_dir)
                if 'loss' in r]
    assert [s for s, _ in logged] == [s for s, _ in expected] == [1, 2]
    assert [v for _, v in logged] == pytest.approx(
        [v for _, v in expected], rel=1e-4)
