"""TOV's two-stage learning path: tools/train_tov.py runs stage 1 (RGB) and
stage 2 (13 bands) of the demo configs for a few iterations; stage 2
starts from stage 1's backbone exactly (the RGB stem inflated), with a
fresh queue, projector and warm-up."""
import glob
import json
import os.path as osp

import pytest
import torch
from mmengine.registry import DefaultScope, init_default_scope
from scene_images import tiny_run_options, write_scene_folder

from grsim_mm.cli import train_tov
from grsim_mm.utils import inflate_stem

STAGE1 = 'configs/tov/tov-stage1_r18_mocov2_1xb32-2e_scene-demo-rgb.py'
STAGE2 = 'configs/tov/tov-stage2_r18_mocov2_1xb32-2e_scene-demo.py'


pytestmark = pytest.mark.usefixtures('one_thread')


def _options(root, work_dir):
    opts = tiny_run_options(work_dir)
    opts.update({'train_dataloader.dataset.data_root': root,
                 'train_dataloader.dataset.split': None})
    return [f'{k}={v}' for k, v in opts.items() if k != 'work_dir']


def _first_lr(work_dir):
    record = glob.glob(osp.join(work_dir, '*', 'vis_data', 'scalars.json'))
    with open(record[0]) as f:
        return json.loads(f.readline())['lr']


def test_stage2_starts_from_stage1_backbone(tmp_path):
    rgb = write_scene_folder(tmp_path / 'rgb', 3, 'uint8', 255)
    ms = write_scene_folder(tmp_path / 'ms', 13, 'uint16', 10000, seed=1)
    work = str(tmp_path / 'tov')
    last = train_tov.main([
        '--stage1', STAGE1, '--stage2', STAGE2, '--work-dir', work,
        '--stage1-options', *_options(rgb, work),
        '--stage2-options', *_options(ms, work)])
    assert last.endswith(osp.join('stage2', 'epoch_2.pth'))
    stage1_ckpt = osp.join(work, 'stage1', 'epoch_2.pth')
    stage1 = torch.load(stage1_ckpt, map_location='cpu',
                        weights_only=False)['state_dict']
    # both stages warm up from 0.1 % of the lr
    assert _first_lr(osp.join(work, 'stage1')) == pytest.approx(3e-5)
    assert _first_lr(osp.join(work, 'stage2')) == pytest.approx(3e-5)

    # stage 2's model as the command prepares it, before any step
    cfg = train_tov.load_stage(STAGE2, work, None, None)
    train_tov.start_from(cfg, stage1_ckpt, None)
    assert cfg.model.init_cfg.rgb_bands == (3, 2, 1)  # the config's
    with DefaultScope.overwrite_default_scope('mmpretrain'):
        init_default_scope('mmpretrain')
        from mmpretrain.registry import MODELS
        torch.manual_seed(123)
        model = MODELS.build(
            dict(cfg.model, data_preprocessor=cfg.data_preprocessor))
        model.init_weights()
    state = model.state_dict()
    backbone = {k: v for k, v in state.items() if k.startswith('backbone.')}
    assert len(backbone) > 100
    for key, value in backbone.items():
        if key == 'backbone.conv1.weight':
            expected = inflate_stem(stage1[key], 13, (3, 2, 1))
            assert value.shape[1] == 13
            torch.testing.assert_close(value, expected, rtol=0, atol=0)
        else:
            assert torch.equal(value, stage1[key]), key
    # fresh projector, queue and momentum encoder (copied at the first step)
    neck = [k for k in state if k.startswith('neck.')]
    assert neck and all(not torch.equal(state[k], stage1[k]) for k in neck
                        if k.endswith('weight'))
    assert not torch.equal(state['queue'], stage1['queue'])
    assert int(state['queue_ptr']) == 0
    assert int(state['encoder_k.steps']) == 0


def test_torchvision_checkpoint_prefix(tmp_path):
    plain = {'conv1.weight': torch.zeros(1), 'fc.weight': torch.zeros(1)}
    torch.save(plain, tmp_path / 'tv.pth')
    torch.save({'state_dict': {'backbone.conv1.weight': torch.zeros(1)}},
               tmp_path / 'ours.pth')
    torch.save({'head.fc.weight': torch.zeros(1)}, tmp_path / 'other.pth')
    assert train_tov.backbone_prefix(str(tmp_path / 'tv.pth')) == ''
    assert train_tov.backbone_prefix(str(tmp_path / 'ours.pth')) == 'backbone.'
    with pytest.raises(KeyError, match='no backbone'):
        train_tov.backbone_prefix(str(tmp_path / 'other.pth'))


def test_method_of_a_stage_is_a_config_key(tmp_path):
    cfg = train_tov.load_stage(STAGE2, str(tmp_path), 'simclr', None)
    assert cfg.tov_method == 'simclr'
    assert cfg.model.type == 'RSISimCLR'
    assert cfg.model.head.temperature == 0.5
    assert cfg.model.backbone.depth == 18  # the stage's backbone stays
    assert cfg.model.init_cfg.rgb_bands == (3, 2, 1)
    same = train_tov.load_stage(STAGE2, str(tmp_path), None, None)
    assert (same.tov_method, same.model.type) == ('mocov2', 'RSIMoCo')
