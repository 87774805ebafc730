import os
import os.path as osp

import numpy as np
import pytest
import rasterio

from grsim_mm.datasets import RSISegDataset, get_preset
from grsim_mm.datasets.demo import (BUILDING, IMPERVIOUS, LOW_VEGETATION,
                                    TREE, WATER, make_demo_dataset,
                                    synthesize_scene)
from grsim_mm.datasets.splits import scene_of


@pytest.fixture(scope='module')
def full_demo(tmp_path_factory):
    root = str(tmp_path_factory.mktemp('demo_full'))
    return root, make_demo_dataset(root)


def test_default_demo_sizes(full_demo):
    root, splits = full_demo
    sizes = {k: len(v) for k, v in splits.items()}
    assert sizes == dict(
        train=360, trainR1=16, trainR5=18, trainR10=36, trainSel=36, val=72)
    assert set(splits['trainR1']) < set(splits['trainR5']) < set(
        splits['trainR10'])
    assert not set(splits['trainSel']) & set(splits['trainR10'])
    assert len({scene_of(n) for n in splits['train']}) == 10
    assert not {scene_of(n) for n in splits['val']} & {
        scene_of(n) for n in splits['train']}
    total = sum(
        osp.getsize(osp.join(d, f)) for d in (osp.join(root, x) for x in (
            'train_RGBIR', 'train_lbl', 'val_RGBIR', 'val_lbl'))
        for f in os.listdir(d))
    assert total < 20e6
    for split, names in splits.items():
        with open(osp.join(root, f'{split}_lbl.txt')) as f:
            assert f.read().split() == names


def test_demo_tiles_load_with_all_classes(full_demo):
    root, _ = full_demo
    ds = RSISegDataset(
        data_root=root,
        split='train',
        pipeline=[
            dict(type='LoadRasterImageFromFile', num_bands=4),
            dict(type='LoadRasterAnnotations')
        ])
    counts = np.zeros(5, np.int64)
    for i in range(0, len(ds), 9):
        sample = ds[i]
        assert sample['img'].shape == (128, 128, 4)
        counts += np.bincount(sample['gt_seg_map'].ravel(), minlength=5)
    assert counts.size == 5  # no ignore pixels: every colour is a class
    assert (counts > 0).all()


def test_scene_spectra_are_separable():
    img, label = synthesize_scene(np.random.default_rng(5), 384)
    nir = img[..., 3].astype(float)
    mean_nir = {c: nir[label == c].mean() for c in range(5)}
    assert mean_nir[TREE] > mean_nir[LOW_VEGETATION] > mean_nir[BUILDING]
    assert mean_nir[LOW_VEGETATION] > 150 and mean_nir[WATER] < 40
    assert mean_nir[IMPERVIOUS] > mean_nir[WATER] + 40
    # vegetation: NIR far above red; water and roads: not
    red = img[..., 0].astype(float)
    for c in (TREE, LOW_VEGETATION):
        assert nir[label == c].mean() > 1.5 * red[label == c].mean()
    for c in (WATER, IMPERVIOUS):
        assert nir[label == c].mean() < red[label == c].mean()
    # there is texture: pixels of a class are not all equal
    assert nir[label == TREE].std() > 5


def test_demo_is_seeded(tmp_path):
    kwargs = dict(
        num_train_scenes=2, num_val_scenes=1, scene_size=128, tile_size=64,
        min_tiles=2)
    a = make_demo_dataset(str(tmp_path / 'a'), seed=3, **kwargs)
    b = make_demo_dataset(str(tmp_path / 'b'), seed=3, **kwargs)
    make_demo_dataset(str(tmp_path / 'c'), seed=4, **kwargs)
    assert a == b
    name = a['train'][0]

    def read(root):
        with rasterio.open(osp.join(root, 'train_RGBIR', name)) as src:
            return src.read()

    np.testing.assert_array_equal(read(tmp_path / 'a'), read(tmp_path / 'b'))
    assert not np.array_equal(read(tmp_path / 'a'), read(tmp_path / 'c'))
    with open(tmp_path / 'a' / 'class_dict.txt') as f:
        lines = f.read().splitlines()
    assert lines[0] == 'name,r,g,b'
    assert lines[1:] == [
        f'{n},{r},{g},{b}' for n, (r, g, b) in zip(
            get_preset('demo')['classes'], get_preset('demo')['palette'])
    ]
