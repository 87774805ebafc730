import os
import os.path as osp
import sys
from collections import Counter

import pytest
from tool_scripts import load_tool

from grsim_mm.datasets.presets import (POTSDAM_TEST_SCENES,
                                       POTSDAM_TRAIN_SCENES,
                                       potsdam_tile_names)
from grsim_mm.datasets.splits import (fraction_count, make_splits, scene_of,
                                      stratified_order, write_lists)

TRAIN = potsdam_tile_names(POTSDAM_TRAIN_SCENES)
TEST = potsdam_tile_names(POTSDAM_TEST_SCENES)


def test_scene_of():
    assert scene_of('top_potsdam_2_10_RGBIR__36.tif') == \
        'top_potsdam_2_10_RGBIR'
    assert scene_of('a/b/demo_s03_RGBIR__1.tif') == 'demo_s03_RGBIR'


def test_fraction_count_rounds_half_up():
    assert fraction_count(13824, 0.01) == 138  # 138.24
    assert fraction_count(13824, 0.05) == 691  # 691.2
    assert fraction_count(13824, 0.10) == 1382  # 1382.4
    assert fraction_count(10, 0.25) == 3  # 2.5 -> 3
    assert fraction_count(360, 0.01, min_count=16) == 16
    assert fraction_count(5, 0.5, min_count=16) == 5


def test_potsdam_fractions_exact_nested_stratified():
    assert len(TRAIN) == 13824 and len(TEST) == 8064
    splits = make_splits(TRAIN, TEST, seed=0)
    sizes = {k: len(v) for k, v in splits.items()}
    assert sizes == dict(
        train=13824, trainR1=138, trainR5=691, trainR10=1382, trainSel=691)
    r1, r5, r10 = (set(splits[k]) for k in ('trainR1', 'trainR5', 'trainR10'))
    assert r1 < r5 < r10 < set(TRAIN)
    sel = set(splits['trainSel'])
    assert not sel & r10 and not sel & set(TEST) and sel < set(TRAIN)
    for name in ('trainR1', 'trainR5', 'trainR10', 'trainSel'):
        per_scene = Counter(scene_of(n) for n in splits[name])
        # 24 equal scenes: every scene gets floor or ceil of n / 24
        n = len(splits[name])
        assert len(per_scene) == 24
        assert set(per_scene.values()) <= {n // 24, -(-n // 24)}
        assert splits[name] == sorted(splits[name])


def test_splits_deterministic_and_seeded():
    a = make_splits(TRAIN, seed=0)
    b = make_splits(list(reversed(TRAIN)), seed=0)
    c = make_splits(TRAIN, seed=1)
    assert a == b
    assert a['trainR1'] != c['trainR1']


def test_unequal_scenes_get_proportional_shares():
    names = [f's1__{i}.tif' for i in range(300)] + \
        [f's2__{i}.tif' for i in range(100)]
    order = stratified_order(names, seed=3)
    for n in (4, 40, 123, 400):
        counts = Counter(scene_of(x) for x in order[:n])
        assert abs(counts['s1'] - 0.75 * n) <= 1
        assert counts['s1'] + counts['s2'] == n


def test_train_test_overlap_is_refused():
    with pytest.raises(ValueError, match='in both the training and the test'):
        make_splits(TRAIN, TRAIN[:5])
    with pytest.raises(ValueError, match='same scenes'):
        make_splits(TRAIN[:500], TRAIN[500:510])


def test_write_lists_format(tmp_path):
    write_lists(str(tmp_path), {'trainR1': ['b.tif', 'a.tif']}, 'RGBIR')
    for suffix in ('RGBIR', 'lbl'):
        data = (tmp_path / f'trainR1_{suffix}.txt').read_bytes()
        assert data == b'b.tif\na.tif\n'


@pytest.fixture
def split_tool():
    return load_tool('make_splits.py')


def test_split_tool_from_list_files(tmp_path, split_tool, monkeypatch):
    train = [f'sc{s}_X__{k}.tif' for s in range(4) for k in range(50)]
    test = [f'sc9_X__{k}.tif' for k in range(10)]
    (tmp_path / 'all.txt').write_text('\n'.join(train) + '\n')
    (tmp_path / 'test.txt').write_text('\n'.join(test) + '\n')
    monkeypatch.setattr(sys, 'argv', [
        'make_splits.py', '--train-list',
        str(tmp_path / 'all.txt'), '--test-list',
        str(tmp_path / 'test.txt'), '--out-dir',
        str(tmp_path / 'out'), '--dtype', 'X', '--percents', '2', '20',
        '--sel-percent', '10', '--seed', '7'
    ])
    split_tool.main()
    expected = make_splits(
        train, test, percents=(2, 20), sel_percent=10, seed=7)
    assert sorted(expected) == ['train', 'trainR2', 'trainR20', 'trainSel']
    for name, names in expected.items():
        for suffix in ('X', 'lbl'):
            text = (tmp_path / 'out' / f'{name}_{suffix}.txt').read_text()
            assert text.split() == names
    assert len(expected['trainR2']) == 4 and len(expected['trainSel']) == 20
    (tmp_path / 'empty.txt').write_text('')
    monkeypatch.setattr(sys, 'argv', [
        'make_splits.py', '--train-list',
        str(tmp_path / 'empty.txt'), '--out-dir',
        str(tmp_path / 'out')
    ])
    with pytest.raises(ValueError, match='empty.txt: list file is empty'):
        split_tool.main()


def _kept_r1():
    """A stand-in for a published 1% list: 138 tiles crowded into a few
    scenes."""
    return [
        f'top_potsdam_{scene}_RGBIR__{k}.tif' for scene in ('2_10', '7_12')
        for k in range(1, 69 * 8, 8)
    ]


def test_kept_list_is_used_unchanged_and_the_others_nest_around_it():
    kept = _kept_r1()[::-1]  # its own order survives
    splits = make_splits(TRAIN, TEST, seed=0, kept={1: kept})
    assert splits['trainR1'] == kept
    sizes = {k: len(v) for k, v in splits.items()}
    assert sizes == dict(
        train=13824, trainR1=138, trainR5=691, trainR10=1382, trainSel=691)
    r1, r5, r10 = (set(splits[k]) for k in ('trainR1', 'trainR5', 'trainR10'))
    sel = set(splits['trainSel'])
    assert r1 < r5 < r10 < set(TRAIN)
    assert not sel & r10 and not sel & set(TEST)
    # the kept list fills 2 scenes with 69 tiles each, more than a 5% or
    # 10% share (28.8, 57.6); the tiles added go to the other 22 scenes,
    # (691 - 138) / 22 = 25.1 and (1382 - 138) / 22 = 56.5 each
    crowded = {scene_of(n) for n in kept}
    for name, shares in (('trainR5', {25, 26}), ('trainR10', {56, 57})):
        per_scene = Counter(scene_of(n) for n in splits[name])
        assert all(per_scene[s] == 69 for s in crowded)
        others = [c for s, c in per_scene.items() if s not in crowded]
        assert len(others) == 22 and set(others) <= shares


def test_without_kept_lists_the_order_is_unchanged():
    assert stratified_order(TRAIN, seed=0, first=()) == stratified_order(
        TRAIN, seed=0)


@pytest.mark.parametrize('kept, match', [
    ({3: ['top_potsdam_2_10_RGBIR__1.tif']}, 'not among the fractions'),
    ({1: ['top_potsdam_2_13_RGBIR__1.tif']}, 'outside the training list'),
    ({1: ['top_potsdam_2_10_RGBIR__1.tif'] * 2}, 'repeats names'),
    ({1: TRAIN[:700]}, r'trainR5 \(691 tiles\) would be smaller'),
    ({1: TRAIN[:5], 5: TRAIN[10:700]}, 'not inside the kept trainR5'),
])
def test_bad_kept_lists_are_refused(kept, match):
    with pytest.raises(ValueError, match=match):
        make_splits(TRAIN, TEST, kept=kept)


def test_committed_potsdam_lists_match_the_tool(tmp_path, repo_root,
                                                split_tool, monkeypatch):
    """data_lists/potsdam is what tools/make_splits.py writes with the
    authors' 1% list kept, plus the authors' valR1500 list."""
    committed = osp.join(repo_root, 'data_lists', 'potsdam')
    monkeypatch.setattr(sys, 'argv', [
        'make_splits.py', '--potsdam', '--out-dir',
        str(tmp_path), '--keep',
        '1=' + osp.join(committed, 'trainR1_RGBIR.txt')
    ])
    split_tool.main()
    names = sorted(p.name for p in tmp_path.iterdir())
    assert len(names) == 12  # 6 splits x (images, labels)
    authors = ['valR1500_RGBIR.txt', 'valR1500_lbl.txt']
    assert names == sorted(set(os.listdir(committed)) - {'README.md'} -
                           set(authors))
    for name in names:
        with open(osp.join(committed, name), 'rb') as f:
            assert f.read() == (tmp_path / name).read_bytes(), name
    val = (tmp_path / 'val_RGBIR.txt').read_text().split()
    assert len(val) == 8064 and val == sorted(TEST)
    with open(osp.join(committed, authors[0])) as f:
        quick_val = f.read().split()
    assert len(quick_val) == 1500 and set(quick_val) < set(val)


@pytest.mark.parametrize('name', ('trainR1_RGBIR.txt', 'trainR1_lbl.txt',
                                  'valR1500_RGBIR.txt', 'valR1500_lbl.txt'))
def test_shipped_lists_are_the_authors(repo_root, reference_lists_dir, name):
    with open(osp.join(repo_root, 'data_lists', 'potsdam', name), 'rb') as f:
        ours = f.read()
    with open(osp.join(reference_lists_dir, 'potsdam', name), 'rb') as f:
        assert ours == f.read()
