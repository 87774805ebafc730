"""The scene line of the study engine: the scene presets in --quick mode
with the train and test entry points replaced by recorders (no training):
options of every stage, per-seed lists, per-row pretraining data, several
datasets, the table and the confusion-matrix figure."""
import csv
import json
import os
import os.path as osp
import threading

import pytest

from grsim_mm.cli.study import build_study, parse_args
from grsim_mm.study import (CONFIGS, PRESETS, RANDOM_INIT, SCENE, Study,
                            engine, parse_labels, write_report)
from grsim_mm.study.presets import QUICK_FINETUNE, QUICK_PRETRAIN

CLASSES = ('bare_soil', 'cropland', 'forest')


class SceneStages:
    """Records every stage and writes what the engine and the report read
    back: checkpoints, the test's metrics and its confusion matrix."""

    def __init__(self):
        self.calls = []
        self.lock = threading.Lock()

    def train(self, config, work_dir, cfg_options=None, name='', threads=None,
              extra_args=()):
        with self.lock:
            self.calls.append(('train', config, dict(cfg_options),
                               list(extra_args)))
        pretrain = 'pretrain' in work_dir
        scalars = [dict(loss=2. - epoch / 4, epoch=epoch, iter=epoch,
                        step=epoch) for epoch in (1, 2, 3)]
        if not pretrain:
            scalars.append({'scene/OA': 70., 'scene/AA': 68., 'step': 3})
        run = osp.join(work_dir, '20240101_000000', 'vis_data')
        os.makedirs(run, exist_ok=True)
        with open(osp.join(run, 'scalars.json'), 'w') as f:
            f.write('\n'.join(json.dumps(line) for line in scalars))
        best = 'best_loss_epoch_1.pth' if pretrain \
            else 'best_scene_OA_epoch_3.pth'
        open(osp.join(work_dir, best), 'w').close()
        return work_dir

    def test(self, config, checkpoint, work_dir, cfg_options=None, name='',
             threads=None, extra_args=()):
        with self.lock:
            self.calls.append(('test', config, dict(cfg_options),
                               list(extra_args)))
        seed = cfg_options['randomness.seed']
        good = 8 + seed if 'random' not in work_dir else 4
        matrix = [[good, 10 - good, 0], [0, 10, 0], [1, 0, 9]]
        run = osp.join(work_dir, '20240101_000000')
        os.makedirs(run, exist_ok=True)
        with open(osp.join(run, 'scene_confusion_matrix.csv'), 'w',
                  newline='') as f:
            writer = csv.writer(f)
            writer.writerow(['true \\ predicted', *CLASSES])
            writer.writerows([n, *r] for n, r in zip(CLASSES, matrix))
        oa = 100 * (good + 19) / 30
        return {'scene/OA': oa, 'scene/AA': oa - 1, 'scene/kappa':
                oa / 100 - 0.2, 'scene/confusion_matrix': matrix}


@pytest.fixture
def stages(monkeypatch):
    fake = SceneStages()
    monkeypatch.setattr(engine, 'train', fake.train)
    monkeypatch.setattr(engine, 'test', fake.test)
    return fake


@pytest.fixture
def scene_root(tmp_path):
    """A stand-in for the scene demo data: the file that says it is
    there."""
    root = tmp_path / 'scene_demo'
    (root / 'splits' / 'seed2').mkdir(parents=True)
    (root / 'splits' / 'seed2' / 'test.txt').write_text('')
    return str(root)


def test_scene_preset_quick(repo_root, monkeypatch, stages, scene_root,
                            tmp_path):
    monkeypatch.chdir(repo_root)
    study = build_study(parse_args([
        '--preset', 'scene', '--quick', '--seeds', '0', '1', '--labels',
        '5/class', '10', '--data-root', scene_root, '--jobs', '1']))
    assert study.task is SCENE and study.fractions == ['5/class', 10]
    result = study.run(str(tmp_path / 'out'))

    rows = ['rsisc-simclr', 'rsisc-inpainting', 'rsisc-jigsaw2x2',
            'rsisc-jigsaw3x3', 'rsisc-colorization']
    pretrains = [c for c in stages.calls if 'rsisc/' in c[1]]
    assert [c[1] for c in pretrains[:5]] == [
        CONFIGS[f'rsisc_{r[6:]}_demo'] for r in rows]
    assert pretrains[0][2] == {
        'train_dataloader.dataset.data_root': scene_root,
        'randomness.seed': 0, **QUICK_PRETRAIN}
    probes = [c for c in stages.calls if c[1] == CONFIGS['rsisc_linear_demo']]
    # 6 rows x 2 amounts of labels x 2 seeds, fine-tuned and tested
    assert len(probes) == 6 * 2 * 2 * 2
    pre = str(tmp_path / 'out' / 'seed1' / 'rsisc-simclr' / 'pretrain' /
              'best_loss_epoch_1.pth')
    lists = {f'{loader}.dataset.split_dir': 'splits/seed1'
             for loader in SCENE.loaders}
    roots = {f'{loader}.dataset.data_root': scene_root
             for loader in SCENE.loaders}
    expected = {**roots, **lists, **QUICK_FINETUNE,
                'train_dataloader.dataset.split': 'train_k5',
                'randomness.seed': 1}
    trains = [c for c in probes if c[0] == 'train']
    assert dict(expected, **{'model.init_cfg.checkpoint': pre}) in [
        c[2] for c in trains]
    assert dict(expected, **{'model.init_cfg': None}) in [c[2] for c in trains]
    assert dict(expected, **{'train_dataloader.dataset.split': 'train_p10'},
                **{'model.init_cfg.checkpoint': pre}) in [c[2] for c in trains]
    # tables read the scene metrics, Kappa x 100
    rec = result['records'][0]
    assert (rec['method'], rec['dataset'], rec['fraction'], rec['seed']) == \
        ('rsisc-simclr', None, '5/class', 0)
    assert rec['metrics']['OA'] == pytest.approx(90.)
    assert rec['metrics']['Kappa'] == pytest.approx(70.)

    out = tmp_path / 'report'
    table, conclusion = write_report(study, result, str(out))
    # seeds 0 and 1: OA 90 and 93.33, AA one less, kappa 70 and 73.33
    assert '| rsisc-simclr | 5/class | 91.67 ± 2.36 | 90.67 ± 2.36 | ' \
        '71.67 ± 2.36 |' in table
    assert '| random init | 10% | 76.67 ± 0.00 |' in table
    assert conclusion.startswith('rsisc-simclr beats random init on Kappa '
                                 'at 5/class labels')
    md = (out / 'results.md').read_text()
    assert '![confusion_matrices](confusion_matrices.png)' in md
    assert osp.getsize(out / 'confusion_matrices.png') > 5000
    saved = json.loads((out / 'results.json').read_text())
    assert saved['summary']['rsisc-simclr@5/class']['OA'][0] == \
        pytest.approx(91.6667, abs=1e-3)


def test_datasets_and_pretraining_shares(repo_root, monkeypatch, stages,
                                         tmp_path):
    """A study over two datasets (the domain study) passes --dataset to
    every fine-tuning and test; rows of one config with their own
    pretraining options (the amount study) pretrain on their own list."""
    monkeypatch.chdir(repo_root)
    domain = PRESETS['rsisc-domain'].build()
    assert list(domain.datasets) == ['AID', 'NWPU-RESISC45']
    amount = PRESETS['scene-amount'].build()
    assert amount.row_pretrain_options['SimCLR 25%'] == {
        'train_dataloader.dataset.split': 'pretrain_p25'}
    study = Study(
        task=SCENE,
        pretrain_configs=amount.pretrain_configs,
        row_pretrain_options=amount.row_pretrain_options,
        datasets=domain.datasets,
        finetune_config=CONFIGS['rsisc_linear_demo'],
        fractions=('20/class', ), compare=('SimCLR 10%', RANDOM_INIT))
    result = study.run(str(tmp_path / 'out'))
    pretrain = {c[2].get('train_dataloader.dataset.split')
                for c in stages.calls if 'rsisc/' in c[1]}
    assert pretrain == {'pretrain_p10', 'pretrain_p25', 'pretrain_p50', None}
    runs = [c for c in stages.calls if 'classification/' in c[1]]
    assert len(runs) == 5 * 2 * 2
    assert {tuple(c[3]) for c in runs} == {
        ('--dataset', domain.datasets['AID']),
        ('--dataset', domain.datasets['NWPU-RESISC45'])}
    assert [(r['method'], r['dataset']) for r in result['records'][:6]] == [
        ('SimCLR 10%', 'AID'), ('SimCLR 25%', 'AID'), ('SimCLR 50%', 'AID'),
        ('SimCLR 100%', 'AID'), (RANDOM_INIT, 'AID'),
        ('SimCLR 10%', 'NWPU-RESISC45')]
    assert osp.isdir(tmp_path / 'out' / 'seed0' / 'SimCLR_25%' / 'AID' /
                     '20-class' / 'test')
    table, conclusion = write_report(study, result, str(tmp_path / 'rep'))
    assert table.splitlines()[0] == '| method | dataset | labels | OA | AA ' \
        '| Kappa |'
    assert '| SimCLR 10% | NWPU-RESISC45 | 20/class | 90.00 |' in table
    assert 'at 20/class labels on NWPU-RESISC45' in conclusion


def test_labels_and_bad_studies():
    assert [parse_labels(t) for t in ('5', '10%', '20/class')] == \
        [5, 10, '20/class']
    with pytest.raises(ValueError, match='no amount of labels'):
        parse_labels('20 per class')
    with pytest.raises(ValueError, match='not one of'):
        Study(task=SCENE, pretrain_configs={}, finetune_config='f.py',
              fractions=('3/class', ))
    with pytest.raises(ValueError, match='one data_root for several'):
        Study(task=SCENE, pretrain_configs={}, finetune_config='f.py',
              fractions=('5/class', ), data_root='d',
              datasets={'a': 'a.py', 'b': 'b.py'})
    with pytest.raises(ValueError, match='pretraining options of'):
        Study(pretrain_configs={'a': 'a.py'}, finetune_config='f.py',
              row_pretrain_options={'b': {}})


def test_command_line_scene_grid():
    """--task scene turns a segmentation preset into a scene grid without
    its segmentation demo data; --datasets names each setting."""
    study = build_study(parse_args([
        '--task', 'scene', '--configs', 'c/rsisc-simclr_x.py',
        '--finetune-config', 'f.py', '--datasets', 'AID=a/aid.py',
        'n/nwpu-resisc45.py', '--labels', '5/class', '1']))
    assert study.task is SCENE and study.fractions == ['5/class', 1]
    assert study.datasets == {'AID': 'a/aid.py',
                              'nwpu-resisc45': 'n/nwpu-resisc45.py'}
    assert (study.data_root, study.make_demo_data) == (None, False)
    assert study.finetune_stage_options('5/class', 2) == {
        'train_dataloader.dataset.split': 'train_k5', 'randomness.seed': 2,
        **{f'{loader}.dataset.split_dir': 'splits/seed2'
           for loader in SCENE.loaders}}
    # one row and random init x two datasets x two amounts, plus the
    # pretraining: 1 + 2 x 2 x 2 x 2 stages
    assert study.num_stages() == 17
