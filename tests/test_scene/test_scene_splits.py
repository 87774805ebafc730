"""Scene splits: disjoint, nested, deterministic, stratified; legacy mode."""
import json
import os.path as osp
import runpy
import sys

import numpy as np
import pytest

from grsim_mm.datasets.scene_splits import (fraction_count,
                                            make_scene_splits, train_count)


def fake_files(counts):
    """Class ``c{i}`` with ``n`` files ``c{i}/img_{j:03d}.jpg``."""
    return {
        f'c{i}': [f'c{i}/img_{j:03d}.jpg' for j in range(n)]
        for i, n in enumerate(counts)
    }


def paths(samples):
    return {p for p, _ in samples}


def per_class(samples, num_classes):
    return np.bincount([label for _, label in samples],
                       minlength=num_classes).tolist()


COUNTS = [300, 220, 410, 257]


@pytest.fixture(scope='module')
def lists():
    return make_scene_splits(fake_files(COUNTS), train_ratio=0.8, seed=3,
                             split_seed=1)


def test_disjoint_and_complete(lists):
    train, sel, test = (paths(lists[k])
                        for k in ('train', 'selection', 'test'))
    assert not train & sel and not train & test and not sel & test
    everything = set().union(*fake_files(COUNTS).values())
    assert train | sel | test == everything


def test_per_class_counts(lists):
    n_train = [round(n * 0.8) for n in COUNTS]  # 240, 176, 328, 206
    n_sel = [round(n * 0.1) for n in n_train]  # 24, 18, 33, 21
    assert per_class(lists['test'], 4) == [
        n - t for n, t in zip(COUNTS, n_train)
    ]
    assert per_class(lists['selection'], 4) == n_sel
    assert per_class(lists['train'], 4) == [
        t - s for t, s in zip(n_train, n_sel)
    ]
    for k in (5, 20, 50, 100):
        assert per_class(lists[f'train_k{k}'], 4) == [k] * 4
    assert per_class(lists['train_p1'], 4) == [2, 2, 3, 2]
    assert per_class(lists['train_p5'], 4) == [12, 9, 16, 10]
    assert per_class(lists['train_p10'], 4) == [24, 18, 33, 21]
    # labels follow the class order
    assert all(p.split('/')[0] == f'c{label}' for p, label in lists['test'])


def test_pretraining_lists(lists):
    """Unlabelled pretraining: everything but test, and nested stratified
    fractions of it that do not depend on the labelled subsets' seed."""
    assert paths(lists['pretrain']) == paths(lists['train']) | paths(
        lists['selection'])
    n_pool = [round(n * 0.8) for n in COUNTS]  # 240, 176, 328, 206
    assert per_class(lists['pretrain_p10'], 4) == [24, 18, 33, 21]
    assert per_class(lists['pretrain_p25'], 4) == [60, 44, 82, 52]
    assert per_class(lists['pretrain'], 4) == n_pool
    assert paths(lists['pretrain_p10']) < paths(lists['pretrain_p25']) < \
        paths(lists['pretrain_p50']) < paths(lists['pretrain'])
    other_seed = make_scene_splits(fake_files(COUNTS), train_ratio=0.8,
                                   seed=4, split_seed=1)
    for name in ('pretrain_p10', 'pretrain_p50'):
        assert other_seed[name] == lists[name]
    assert other_seed['train_k5'] != lists['train_k5']


def test_nested(lists):
    for small, large in (('train_k5', 'train_k20'), ('train_k20',
                                                      'train_k50'),
                         ('train_k50', 'train_k100'), ('train_p1',
                                                       'train_p5'),
                         ('train_p5', 'train_p10'), ('train_p1', 'train_k5'),
                         ('train_k100', 'train')):
        assert paths(lists[small]) < paths(lists[large]), (small, large)


def test_deterministic_and_seeded(lists):
    again = make_scene_splits(fake_files(COUNTS), train_ratio=0.8, seed=3,
                              split_seed=1)
    assert again == lists
    other = make_scene_splits(fake_files(COUNTS), train_ratio=0.8, seed=4,
                              split_seed=1)
    # a new seed draws new labelled subsets on the same split
    for key in ('train', 'selection', 'test'):
        assert other[key] == lists[key]
    assert other['train_k5'] != lists['train_k5']
    resplit = make_scene_splits(fake_files(COUNTS), train_ratio=0.8, seed=3,
                                split_seed=2)
    assert resplit['test'] != lists['test']


def test_classes_are_independent():
    """Adding a class changes no list of the others."""
    base = make_scene_splits(fake_files([30, 40]), train_ratio=0.5,
                             shots=(2, ), percents=(10, ))
    files = fake_files([30, 40])
    files['extra'] = [f'extra/{j}.jpg' for j in range(20)]
    more = make_scene_splits(files, train_ratio=0.5, shots=(2, ),
                             percents=(10, ))
    for key, samples in base.items():
        assert [s for s in more[key] if s[1] < 2] == samples


def test_not_sorted_order():
    """Seeded subsets are random draws, not the first files."""
    lists = make_scene_splits(fake_files([100]), train_ratio=0.8,
                              shots=(5, ), percents=())
    assert paths(lists['train_k5']) != {
        f'c0/img_{j:03d}.jpg' for j in range(5)
    }


def test_rounding_rules():
    assert [train_count(7, 0.8, 'round'),
            train_count(7, 0.8, 'floor')] == [6, 5]
    assert [fraction_count(176, 1), fraction_count(50, 1),
            fraction_count(150, 1)] == [2, 1, 2]
    with pytest.raises(ValueError, match='rounding must be one of'):
        train_count(7, 0.8, 'ceil')


def test_legacy_mode_by_hand():
    """The authors' selection on a made-up folder: sorted names, training
    share first, subsets the first k sorted training files."""
    files = {
        'beach': ['b03.png', 'b01.png', 'b07.png', 'b02.png', 'b05.png',
                  'b04.png', 'b06.png'],
        'airport': ['a2.png', 'a1.png', 'a4.png', 'a3.png', 'a5.png'],
    }
    # TOV rounding (round), 0.8 / 0.2, no selection split
    tov = make_scene_splits(files, train_ratio=0.8, shots=(2, ),
                            percents=(30, ), selection=0, mode='legacy',
                            rounding='round')
    assert tov['train'] == [('b01.png', 0), ('b02.png', 0), ('b03.png', 0),
                            ('b04.png', 0), ('b05.png', 0), ('b06.png', 0),
                            ('a1.png', 1), ('a2.png', 1), ('a3.png', 1),
                            ('a4.png', 1)]
    assert tov['test'] == [('b07.png', 0), ('a5.png', 1)]
    assert tov['train_k2'] == [('b01.png', 0), ('b02.png', 0),
                               ('a1.png', 1), ('a2.png', 1)]
    # 30 % of 6 = 1.8 -> 2; of 4 = 1.2 -> 1
    assert tov['train_p30'] == [('b01.png', 0), ('b02.png', 0),
                                ('a1.png', 1)]
    assert tov['selection'] == []
    # RSISC rounding (int): 5 of 7 and 4 of 5 for training
    rsisc = make_scene_splits(files, train_ratio=0.8, shots=(2, ),
                              percents=(), selection=0, mode='legacy',
                              rounding='floor')
    assert rsisc['test'] == [('b06.png', 0), ('b07.png', 0), ('a5.png', 1)]
    assert rsisc['train_k2'] == tov['train_k2']
    # with a selection split it is the end of the sorted training share,
    # so the labelled subsets stay the authors'
    sel = make_scene_splits(files, train_ratio=0.8, shots=(2, ),
                            percents=(), selection=1, mode='legacy')
    assert sel['selection'] == [('b06.png', 0), ('a4.png', 1)]
    assert sel['train_k2'] == tov['train_k2']
    assert sel['test'] == tov['test']


def test_predefined_split():
    train = fake_files([10, 12])
    test = {'c0': ['t/c0/x.jpg'], 'c1': ['t/c1/y.jpg', 't/c1/z.jpg']}
    lists = make_scene_splits(train, test_files=test, shots=(3, ),
                              percents=(), selection=2)
    assert lists['test'] == [('t/c0/x.jpg', 0), ('t/c1/y.jpg', 1),
                             ('t/c1/z.jpg', 1)]
    assert per_class(lists['train'], 2) == [8, 10]
    assert per_class(lists['selection'], 2) == [2, 2]


def test_errors():
    with pytest.raises(ValueError, match=r"class 'c0' has 7 training images "
                       r'outside the selection split, fewer than k=20'):
        make_scene_splits(fake_files([10]), train_ratio=0.8, shots=(20, ),
                          selection=1)
    with pytest.raises(ValueError, match='give either train_ratio or'):
        make_scene_splits(fake_files([10]))
    with pytest.raises(ValueError, match='too few'):
        make_scene_splits(fake_files([2]), train_ratio=0.5, shots=(),
                          percents=(), selection=1)


def test_tool_writes_readable_lists(tmp_path, scene_folder, monkeypatch,
                                    capsys):
    from mmpretrain.registry import DATASETS
    root = scene_folder(classes=('a', 'b', 'c'), per_class=10)
    out = str(tmp_path / 'splits')
    repo = osp.dirname(osp.dirname(osp.dirname(osp.abspath(__file__))))
    monkeypatch.setattr(sys, 'argv', [
        'make_scene_splits.py', root, '--train-ratio', '0.6', '--shots', '1',
        '3', '--percents', '20', '--selection', '1', '--out', out
    ])
    # in this process: a subprocess would spend seconds importing torch
    runpy.run_path(osp.join(repo, 'tools', 'make_scene_splits.py'),
                   run_name='__main__')
    assert 'train_k3' in capsys.readouterr().out
    info = json.load(open(osp.join(out, 'split_info.json')))
    assert info['classes'] == ['a', 'b', 'c']
    assert info['counts']['train'] == [5, 5, 5]
    assert info['counts']['train_k3'] == [3, 3, 3]
    assert info['counts']['test'] == [4, 4, 4]
    ds = DATASETS.build(
        dict(type='RSISceneDataset', data_root=root,
             ann_file=osp.join(out, 'train_k3.txt'),
             classes=osp.join(out, 'classes.txt')))
    assert len(ds) == 9
    assert sorted(ds.get_data_info(i)['gt_label'] for i in range(9)) == [
        0, 0, 0, 1, 1, 1, 2, 2, 2
    ]


def test_tool_legacy_mode_on_a_folder(tmp_path, monkeypatch):
    """The tool's --legacy on a made-up class folder, files created out of
    order: the list files it writes, byte for byte, as written by hand."""
    from scene_helpers import write_image
    root = tmp_path / 'scenes'
    for name in ('river_3.png', 'river_1.png', 'river_4.png', 'river_2.png',
                 'farm_b.png', 'farm_c.png', 'farm_a.png'):
        write_image(root / name.split('_')[0] / name,
                    np.zeros((4, 4, 3), np.uint8))
    out = tmp_path / 'splits'
    repo = osp.dirname(osp.dirname(osp.dirname(osp.abspath(__file__))))
    monkeypatch.setattr(sys, 'argv', [
        'make_scene_splits.py', str(root), '--train-ratio', '0.5', '--legacy',
        '--rounding', 'floor', '--shots', '1', '--percents', '50',
        '--pretrain-percents', '--selection', '0', '--out', str(out)])
    runpy.run_path(osp.join(repo, 'tools', 'make_scene_splits.py'),
                   run_name='__main__')
    # farm: int(3 * 0.5) = 1 training file; river: int(4 * 0.5) = 2
    expected = {
        'classes': 'farm\nriver\n',
        'train': 'farm/farm_a.png 0\nriver/river_1.png 1\n'
                 'river/river_2.png 1\n',
        'test': 'farm/farm_b.png 0\nfarm/farm_c.png 0\n'
                'river/river_3.png 1\nriver/river_4.png 1\n',
        'train_k1': 'farm/farm_a.png 0\nriver/river_1.png 1\n',
        'train_p50': 'farm/farm_a.png 0\nriver/river_1.png 1\n',
        'pretrain': 'farm/farm_a.png 0\nriver/river_1.png 1\n'
                    'river/river_2.png 1\n',
    }
    for name, text in expected.items():
        assert (out / f'{name}.txt').read_text() == text, name
