import os.path as osp
import zipfile

import numpy as np
import pytest
import rasterio
from rasterio.crs import CRS
from rasterio.transform import from_origin
from tool_scripts import load_tool

from grsim_mm.datasets.presets import ISPRS_PALETTE


@pytest.fixture(scope='module')
def converter():
    return load_tool('dataset_converters/potsdam.py')


def test_grid_offsets(converter):
    offsets = converter.grid_offsets(6000, 256)
    assert len(offsets) == 24
    assert offsets[:4] == [0, 250, 499, 749] and offsets[-1] == 5744
    steps = np.diff(offsets)
    assert set(steps) <= {249, 250}  # 5744 / 23 = 249.7
    assert converter.grid_offsets(256, 256) == [0]
    assert converter.grid_offsets(512, 256) == [0, 256]
    assert converter.grid_offsets(300, 64) == [0, 59, 118, 177, 236]
    with pytest.raises(ValueError):
        converter.grid_offsets(200, 256)


@pytest.fixture
def fake_release(tmp_path, tif_writer):
    """Two 4-band scenes (one official train, one test scene) of 300 px,
    one scene outside the split, and colour labels."""
    rng = np.random.default_rng(0)
    images, labels = tmp_path / 'img', tmp_path / 'lbl'
    images.mkdir()
    (labels / 'nested').mkdir(parents=True)
    scenes = {}
    palette = np.array(ISPRS_PALETTE, np.uint8)
    for scene in ('2_10', '2_13', '9_9'):
        img = rng.integers(0, 255, (4, 300, 300), dtype=np.uint8)
        lbl = palette[rng.integers(0, 6, (300, 300))].transpose(2, 0, 1)
        tif_writer(images / f'top_potsdam_{scene}_RGBIR.tif', img,
                   crs=CRS.from_epsg(32633),
                   transform=from_origin(1000, 2000, 0.05, 0.05))
        tif_writer(labels / 'nested' / f'top_potsdam_{scene}_label.tif',
                   np.ascontiguousarray(lbl))
        scenes[scene] = (img, lbl)
    return images, labels, scenes


def _check_output(out, scenes):
    with open(out / 'train_RGBIR.txt') as f:
        train = f.read().split()
    with open(out / 'val_lbl.txt') as f:
        val = f.read().split()
    assert len(train) == len(val) == 25
    assert 'top_potsdam_2_10_RGBIR__7.tif' in train
    assert all('_2_13_' in n for n in val)
    assert not (out / 'train_RGBIR' / 'top_potsdam_9_9_RGBIR__1.tif').exists()
    img, lbl = scenes['2_10']
    # k = 7 is row 1, column 1 of the 5 x 5 grid: offset (59, 59)
    with rasterio.open(out / 'train_RGBIR' /
                       'top_potsdam_2_10_RGBIR__7.tif') as src:
        np.testing.assert_array_equal(src.read(), img[:, 59:123, 59:123])
        assert src.transform.c == pytest.approx(1000 + 59 * 0.05)
    with rasterio.open(out / 'train_lbl' /
                       'top_potsdam_2_10_RGBIR__7.tif') as src:
        np.testing.assert_array_equal(src.read(), lbl[:, 59:123, 59:123])
    # the last tile ends at the scene border
    img, _ = scenes['2_13']
    with rasterio.open(out / 'val_RGBIR' /
                       'top_potsdam_2_13_RGBIR__25.tif') as src:
        np.testing.assert_array_equal(src.read(), img[:, 236:, 236:])
    assert (out / 'class_dict.txt').read_text().splitlines()[1] == \
        'impervious_surfaces,255,255,255'


def test_convert_folders(converter, fake_release, tmp_path, capsys):
    images, labels, scenes = fake_release
    out = tmp_path / 'out'
    converter.convert(str(images), str(labels), str(out), tile=64)
    _check_output(out, scenes)
    printed = capsys.readouterr().out
    assert '[1/2] top_potsdam_2_10 -> train: 25 tiles' in printed
    assert "outside the official split: ['9_9']" in printed


def test_convert_zips(converter, fake_release, tmp_path):
    images, labels, scenes = fake_release
    for folder in (images, labels):
        with zipfile.ZipFile(f'{folder}.zip', 'w') as zf:
            for path in sorted(folder.rglob('*.tif')):
                zf.write(path, osp.join('release', path.name))
    out = tmp_path / 'out_zip'
    converter.convert(f'{images}.zip', f'{labels}.zip', str(out), tile=64)
    _check_output(out, scenes)


def test_convert_errors(converter, fake_release, tmp_path, tif_writer):
    images, labels, _ = fake_release
    (labels / 'nested' / 'top_potsdam_2_13_label.tif').unlink()
    with pytest.raises(FileNotFoundError, match=r"\['2_13'\]"):
        converter.convert(str(images), str(labels), str(tmp_path / 'o'), 64)
    tif_writer(labels / 'top_potsdam_2_13_label.tif',
               np.zeros((3, 300, 299), np.uint8))
    with pytest.raises(ValueError, match='top_potsdam_2_13_label.tif: label '
                       'size 299x300 differs'):
        converter.convert(str(images), str(labels), str(tmp_path / 'o'), 64)
