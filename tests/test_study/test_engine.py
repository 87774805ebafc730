"""The study engine's plan, options, order, resume and failures, with the
train and test entry points replaced by recorders (no training here)."""
import dataclasses
import json
import os
import os.path as osp
import threading

import pytest

from grsim_mm.cli.study import build_study, parse_args
from grsim_mm.study import (CONFIGS, PRESETS, RANDOM_INIT, Progress,
                            StageError, Study, engine)


class FakeStages:
    """Records every stage; writes the files the engine reads back."""

    def __init__(self, fail_on=None):
        self.calls = []
        self.fail_on = fail_on
        self.lock = threading.Lock()

    def train(self, config, work_dir, cfg_options=None, name='', threads=None,
              **kwargs):
        with self.lock:
            self.calls.append(('train', config, dict(cfg_options), threads))
        if self.fail_on and self.fail_on in name:
            raise StageError(f'stage "{name}" failed')
        os.makedirs(work_dir, exist_ok=True)
        best = 'best_loss_epoch_1.pth' if 'pretrain' in work_dir \
            else 'best_mIoU_epoch_2.pth'
        open(osp.join(work_dir, best), 'w').close()
        return work_dir

    def test(self, config, checkpoint, work_dir, cfg_options=None, name='',
             threads=None, **kwargs):
        with self.lock:
            self.calls.append(('test', config, dict(cfg_options), threads))
        seed = cfg_options['randomness.seed']
        metrics = dict(OA=80. + seed, Kappa=60. + seed + len(config) % 7,
                       mIoU=40. + seed)
        run = osp.join(work_dir, '20240101_000000')
        os.makedirs(run, exist_ok=True)
        with open(osp.join(run, '20240101_000000.json'), 'w') as f:
            json.dump(metrics, f)
        return metrics


@pytest.fixture
def stages(monkeypatch):
    fake = FakeStages()
    monkeypatch.setattr(engine, 'train', fake.train)
    monkeypatch.setattr(engine, 'test', fake.test)
    return fake


@pytest.fixture
def demo_study(repo_root, tmp_path, monkeypatch):
    """The main preset, run from the repository root, on a stand-in
    dataset directory."""
    monkeypatch.chdir(repo_root)
    root = tmp_path / 'demo'
    root.mkdir()
    (root / 'class_dict.txt').write_text('')
    return dataclasses.replace(PRESETS['main'].build(), data_root=str(root))


def test_main_preset_stages_and_options(demo_study, stages, tmp_path):
    result = demo_study.run(str(tmp_path / 'out'))
    root = demo_study.data_root
    kinds = [(c[0], c[1]) for c in stages.calls]
    assert kinds[0] == ('train', CONFIGS['glcnet_demo'])
    # one pretraining, then each row fine-tuned and tested with 3 seeds
    assert sorted(kinds[1:]) == sorted([
        ('train', CONFIGS['finetune_glcnet_demo']),
        ('train', CONFIGS['finetune_random_demo']),
        ('test', CONFIGS['finetune_glcnet_demo']),
        ('test', CONFIGS['finetune_random_demo'])] * 3)
    _, _, pretrain, threads = stages.calls[0]
    assert pretrain == {'train_dataloader.dataset.data_root': root,
                        'randomness.seed': 0}
    assert threads is None  # pretraining has every core
    pre_ckpt = str(tmp_path / 'out' / 'seed0' / 'GLCNet' / 'pretrain' /
                   'best_loss_epoch_1.pth')
    assert result['pretrain_checkpoints'] == {'GLCNet@seed0': pre_ckpt}
    seg = {f'{d}.dataset.data_root': root
           for d in ('train_dataloader', 'val_dataloader', 'test_dataloader')}
    seg.update({'train_dataloader.dataset.split': 'trainR1',
                'randomness.seed': 0})
    by_config = {(c[0], c[1]): c for c in stages.calls[1:]
                 if c[2]['randomness.seed'] == 0}
    expect_threads = max(1, engine.available_cpus() // 2)
    glcnet = by_config[('train', CONFIGS['finetune_glcnet_demo'])]
    assert glcnet[2] == dict(seg, **{'model.init_cfg.checkpoint': pre_ckpt})
    assert glcnet[3] == expect_threads
    scratch = by_config[('train', CONFIGS['finetune_random_demo'])]
    assert scratch[2] == dict(seg, **{'model.init_cfg': None})
    for config in ('finetune_glcnet_demo', 'finetune_random_demo'):
        assert by_config[('test', CONFIGS[config])][2] == dict(
            seg, **{'model.init_cfg': None})
    # records in table order whatever finished first
    assert [(r['method'], r['seed']) for r in result['records']] == [
        (m, s) for s in (0, 1, 2) for m in ('GLCNet', RANDOM_INIT)]
    assert result['records'][1]['checkpoint'] == str(
        tmp_path / 'out' / 'seed0' / 'random_init' / '1pct' / 'finetune' /
        'best_mIoU_epoch_2.pth')
    # every seed fine-tunes from the one pretraining
    assert {r['pretrain_checkpoint'] for r in result['records']
            if r['method'] == 'GLCNet'} == {pre_ckpt}
    assert len(result['seconds']) == demo_study.num_stages() == 13


def test_resume_runs_only_what_did_not_finish(demo_study, stages,
                                              tmp_path):
    first = demo_study.run(str(tmp_path / 'out'))
    count = len(stages.calls)
    again = demo_study.run(str(tmp_path / 'out'), resume=True)
    assert len(stages.calls) == count
    assert again['records'] == first['records']
    # a fine-tuning that stopped half-way has checkpoints but no note
    ft_dir = tmp_path / 'out' / 'seed0' / 'random_init' / '1pct' / 'finetune'
    os.remove(ft_dir / engine.STAGE_NOTE)
    assert list(ft_dir.glob('best_*.pth'))
    demo_study.run(str(tmp_path / 'out'), resume=True)
    assert [(c[0], c[1]) for c in stages.calls[count:]] == [
        ('train', CONFIGS['finetune_random_demo'])]


def test_seeds_with_one_pretraining(demo_study, stages, tmp_path):
    study = dataclasses.replace(demo_study, seeds=(3, 4), pretrain_once=True,
                                jobs=1)
    assert study.num_stages() == 1 + 2 * 2 * 2
    result = study.run(str(tmp_path / 'out'))
    pretrains = [c for c in stages.calls if c[1] == CONFIGS['glcnet_demo']]
    assert len(pretrains) == 1 and pretrains[0][2]['randomness.seed'] == 3
    inits = {r['seed']: r['pretrain_checkpoint'] for r in result['records']
             if r['method'] == 'GLCNet'}
    assert inits[3] == inits[4] and 'seed3' in inits[4]
    assert [(r['method'], r['seed']) for r in result['records']] == [
        ('GLCNet', 3), (RANDOM_INIT, 3), ('GLCNet', 4), (RANDOM_INIT, 4)]
    assert [c[3] for c in stages.calls] == [None] * 9  # one job: no cap


def test_a_failure_stops_the_queue(demo_study, monkeypatch, tmp_path):
    fake = FakeStages(fail_on='fine-tune GLCNet 1% s1')
    monkeypatch.setattr(engine, 'train', fake.train)
    monkeypatch.setattr(engine, 'test', fake.test)
    study = dataclasses.replace(demo_study, seeds=(0, 1, 2), jobs=1,
                                pretrain_once=True)
    with pytest.raises(StageError, match='fine-tune GLCNet 1% s1'):
        study.run(str(tmp_path / 'out'))
    seeds = {c[2]['randomness.seed'] for c in fake.calls}
    assert seeds == {0, 1}  # seed 2 never started


def test_missing_inputs_are_named_before_any_stage(tmp_path, monkeypatch,
                                                   stages):
    monkeypatch.chdir(tmp_path)
    study = Study(pretrain_configs={'a': 'configs/a.py'},
                  finetune_config='configs/f.py', data_root='nowhere')
    with pytest.raises(FileNotFoundError) as info:
        study.run('out')
    message = str(info.value)
    for line in ('pretraining config of a: configs/a.py',
                 'fine-tuning config of random init: configs/f.py',
                 'data root: nowhere', f'current directory ({tmp_path})',
                 '--work-root'):
        assert line in message
    assert stages.calls == []


def test_rows_of_their_own_and_bad_studies():
    study = Study(pretrain_configs={'a': 'a.py'}, finetune_config='f.py',
                  finetune_configs={'ImageNet': 'in.py'})
    assert study.methods == ['a', 'ImageNet', RANDOM_INIT]
    assert study.init_options('ImageNet', None) == {}
    assert study.finetune_config_of('ImageNet') == 'in.py'
    assert study.finetune_config_of(RANDOM_INIT) == 'f.py'
    with pytest.raises(ValueError, match='cannot compare'):
        Study(pretrain_configs={'a': 'a.py'}, finetune_config='f.py',
              compare=('a', 'b'))
    with pytest.raises(ValueError, match='not pretraining methods'):
        Study(pretrain_configs={'a': 'a.py'}, finetune_config='f.py',
              pretrained={'b': 'b.pth'})


def test_presets_point_at_configs_that_exist(repo_root):
    for name, config in CONFIGS.items():
        assert osp.isfile(osp.join(repo_root, config)), (name, config)
    for preset in PRESETS.values():
        study = preset.build()
        assert study.methods and study.num_stages() > 0


def test_methods_preset_fine_tunes_gfcnet_its_own_way():
    study = PRESETS['methods'].build()
    assert {'rissnet', 'gfcnet'} <= set(study.methods)
    assert study.finetune_config_of('gfcnet') == CONFIGS[
        'finetune_gfcnet_demo']
    assert 'msfusion' in CONFIGS['finetune_gfcnet_demo']
    assert study.finetune_config_of('rissnet') == CONFIGS[
        'finetune_glcnet_demo']


def test_command_line_changes_a_preset():
    study = build_study(parse_args([
        '--preset', 'main', '--seeds', '0', '1', '2', '--pretrain-once',
        '--quick', '--pretrain-checkpoint', 'x.pth', '--finetune-options',
        'train_cfg.max_epochs=3']))
    assert (study.seeds, study.pretrain_once, study.jobs) == ([0, 1, 2],
                                                              True, 2)
    assert study.pretrained == {'GLCNet': 'x.pth'}
    assert study.finetune_options == {'train_cfg.max_epochs': 3,
                                      'train_cfg.val_interval': 3}
    assert study.pretrain_options['train_dataloader.dataset.indices'] == 64
    assert study.compare == ('GLCNet', RANDOM_INIT)
    assert study.make_demo_data
    custom = build_study(parse_args([
        '--configs', 'c/ssccl_x.py', 'c/simclr_y.py', '--finetune-config',
        'f.py', '--fractions', '1', '5', '--data-root', 'd']))
    assert custom.pretrain_configs == {'ssccl': 'c/ssccl_x.py',
                                       'simclr': 'c/simclr_y.py'}
    assert custom.methods == ['ssccl', 'simclr', RANDOM_INIT]
    assert custom.finetune_config_of(RANDOM_INIT) == 'f.py'
    assert (custom.fractions, custom.data_root, custom.make_demo_data) == \
        ([1, 5], 'd', False)


def test_progress_counts_and_estimates(capsys):
    now = [0.]
    progress = Progress(4, clock=lambda: now[0])
    progress.begin('a')
    now[0] = 60.
    progress.end('a')
    progress.begin('b')
    assert progress.eta() == pytest.approx(180.)  # 60 s per stage, 3 left
    now[0] = 90.
    progress.end('b')
    assert progress.seconds == {'a': 60., 'b': 30.}
    out = capsys.readouterr().out
    assert '==> [1/4] a (0.0 min elapsed)' in out
    assert '==> [2/4] b (1.0 min elapsed, about 3.0 min left)' in out
    assert 'b: done in 30 s [2/4 finished, 1.5 min elapsed, about 1.5 min ' \
           'left]' in out


def test_imagenet_row_is_skipped_offline(repo_root, stages, tmp_path,
                                         monkeypatch, capsys):
    """Without network and without the weights in the download cache, the
    Potsdam main job leaves the ImageNet row out and says why; with them
    cached, the row fine-tunes from its own config's initialisation."""
    import torch
    import urllib.error
    from grsim_mm.utils import imagenet_backbone

    def offline(*args, **kwargs):
        raise urllib.error.URLError('network unreachable')

    monkeypatch.chdir(repo_root)
    monkeypatch.setattr(imagenet_backbone.urllib.request, 'urlopen', offline)
    monkeypatch.setattr(torch.hub, 'get_dir', lambda: str(tmp_path / 'hub'))
    study = PRESETS['main-potsdam'].build()
    imagenet = CONFIGS['finetune_imagenet_potsdam']
    assert study.methods == ['GLCNet', 'ImageNet', RANDOM_INIT]
    result = study.run(str(tmp_path / 'out'))
    assert 'network unreachable' in result['skipped_rows']['ImageNet']
    assert "skipping row 'ImageNet'" in capsys.readouterr().out
    assert study.methods == ['GLCNet', RANDOM_INIT]
    assert all(c[1] != imagenet for c in stages.calls)
    assert len(stages.calls) == 1 + 2 * 2 * 3

    cached = tmp_path / 'hub' / 'checkpoints' / 'resnet50-0676ba61.pth'
    cached.parent.mkdir(parents=True)
    cached.write_bytes(b'')
    study = PRESETS['main-potsdam'].build()
    result = study.run(str(tmp_path / 'out2'))
    assert result['skipped_rows'] == {}
    runs = [c for c in stages.calls if c[1] == imagenet and c[0] == 'train']
    assert len(runs) == 3
    assert not any(k.startswith('model.init_cfg') for k in runs[0][2])
    assert [r['method'] for r in result['records']][:3] == [
        'GLCNet', 'ImageNet', RANDOM_INIT]
