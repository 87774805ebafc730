"""The generated scene demo dataset."""
import glob
import os.path as osp

import numpy as np
import pytest

from grsim_mm.datasets import get_scene_preset
from grsim_mm.datasets.raster_io import raster_info, read_raster
from grsim_mm.datasets.scene_demo import (CLASSES, make_scene_demo_dataset,
                                          synthesize_scene)


@pytest.fixture(scope='module')
def demo(tmp_path_factory):
    root = str(tmp_path_factory.mktemp('scene_demo'))
    lists = make_scene_demo_dataset(root)
    return root, lists


def load_class(root, name, ext='.tif'):
    files = sorted(glob.glob(osp.join(root, 'images', name, f'*{ext}')))
    return np.stack([read_raster(f)[0].astype(np.float64) for f in files])


def test_layout_and_lists(demo):
    root, lists = demo
    classes = get_scene_preset('scene-demo')['classes']
    assert tuple(CLASSES) == classes
    for name in classes:
        files = glob.glob(osp.join(root, 'images', name, '*.tif'))
        assert len(files) == 50
    info = raster_info(files[0])
    assert (info['count'], info['dtype'], info['width']) == (13, 'uint16',
                                                            32)
    counts = {k: len(v) for k, v in lists.items()}
    assert counts == dict(train=150, selection=30, test=120, train_k5=30,
                          train_k20=120, train_p10=18, pretrain=180,
                          pretrain_p10=18, pretrain_p25=48, pretrain_p50=90)
    # lists of three seeds: the same test list, other labelled subsets
    seeds = [osp.join(root, 'splits', f'seed{s}') for s in (0, 1, 2)]
    for name, same in (('test.txt', True), ('train_k5.txt', False)):
        texts = {open(osp.join(d, name)).read() for d in seeds}
        assert len(texts) == (1 if same else 3), name
    with open(osp.join(root, 'splits', 'seed0', 'classes.txt')) as f:
        assert tuple(f.read().split()) == classes


def test_deterministic(tmp_path):
    rng_a, rng_b = np.random.default_rng(5), np.random.default_rng(5)
    for name in CLASSES:
        np.testing.assert_array_equal(synthesize_scene(rng_a, name, 16),
                                      synthesize_scene(rng_b, name, 16))
    make_scene_demo_dataset(str(tmp_path / 'a'), variant='rgb',
                            per_class=50, size=16, seed=3)
    make_scene_demo_dataset(str(tmp_path / 'b'), variant='rgb',
                            per_class=50, size=16, seed=3)
    for path in glob.glob(str(tmp_path / 'a' / '**' / '*.*'),
                          recursive=True):
        other = path.replace(str(tmp_path / 'a'), str(tmp_path / 'b'))
        with open(path, 'rb') as fa, open(other, 'rb') as fb:
            assert fa.read() == fb.read(), path


def test_preset_statistics_match_the_data(demo):
    root, _ = demo
    data = np.concatenate([load_class(root, c) for c in CLASSES])
    preset = get_scene_preset('scene-demo')
    np.testing.assert_allclose(data.mean((0, 2, 3)), preset['mean'],
                               rtol=0.01)
    np.testing.assert_allclose(data.std((0, 2, 3)), preset['std'],
                               rtol=0.01)


def test_classes_differ_in_spectrum_and_texture(demo):
    root, _ = demo
    spectra = {c: load_class(root, c).mean((0, 2, 3)) for c in CLASSES}
    texture = {
        c: np.abs(np.diff(load_class(root, c)[:, 7], axis=2)).mean()
        for c in CLASSES
    }
    # water is dark in the NIR (B08), vegetation bright
    assert spectra['water'][7] < 300 < 2500 < spectra['forest'][7]
    # soil rises into the SWIR, vegetation falls
    assert spectra['bare_soil'][10] > spectra['bare_soil'][7]
    assert spectra['grassland'][10] < spectra['grassland'][7]
    # cropland and grassland share vegetation but not texture
    assert texture['cropland'] > 4 * texture['grassland']
    assert texture['urban'] > 2 * texture['water']


def test_rgb_variant(tmp_path):
    make_scene_demo_dataset(str(tmp_path), variant='rgb', per_class=50,
                            size=16)
    info = raster_info(
        glob.glob(str(tmp_path / 'images' / 'water' / '*.jpg'))[0])
    assert (info['count'], info['dtype'], info['driver']) == (3, 'uint8',
                                                             'JPEG')
    water = load_class(str(tmp_path), 'water', '.jpg').mean((0, 2, 3))
    # R, G, B: water is bluest
    assert water[2] > water[0]
    with pytest.raises(ValueError, match="variant must be 'ms' or 'rgb'"):
        make_scene_demo_dataset(str(tmp_path), variant='sar')
