"""The real ISPRS Potsdam tiles shipped beside the repository."""
import os.path as osp
import warnings

import numpy as np
import pytest
import rasterio
from rasterio.errors import NotGeoreferencedWarning

from grsim_mm.datasets import RSISegDataset, get_preset
from grsim_mm.datasets.positions import potsdam_tile_position

PIPELINE = [
    dict(type='LoadRasterImageFromFile', num_bands=4),
    dict(type='LoadRasterAnnotations'),
]
# Pixel counts per ISPRS class (impervious surfaces, building,
# low vegetation, tree, car, clutter), computed by comparing every pixel
# with each colour (re-checked by test_counts_match_a_plain_colour_comparison)
# and confirmed by eye: the train tile is road, grass and trees, the val tile
# adds a small red clutter object.
EXPECTED = {
    'train': ('top_potsdam_2_10_RGBIR__36.tif', (26613, 0, 34083, 4840, 0,
                                                 0)),
    'val': ('top_potsdam_2_13_RGBIR__26.tif', (17614, 0, 26600, 20843, 0,
                                               479)),
}


def plain_counts(path):
    with warnings.catch_warnings():
        warnings.simplefilter('ignore', NotGeoreferencedWarning)
        src = rasterio.open(path)
    with src:
        rgb = src.read().transpose(1, 2, 0)
    colours = get_preset('potsdam-rgbir')['palette']
    counts = [int(np.all(rgb == c, axis=-1).sum()) for c in colours]
    return counts, rgb.shape[0] * rgb.shape[1]


def _sample(root, split, tmp_path):
    name = EXPECTED[split][0]
    (tmp_path / f'{split}_RGBIR.txt').write_text(name + '\n')
    ds = RSISegDataset(
        data_root=root,
        list_dir=str(tmp_path),
        split=split,
        preset='potsdam-rgbir',
        pipeline=PIPELINE)
    assert len(ds) == 1
    return ds[0]


@pytest.mark.parametrize('split', ('train', 'val'))
def test_counts_match_a_plain_colour_comparison(potsdam_sample_dir, split):
    name, counts = EXPECTED[split]
    found, total = plain_counts(
        osp.join(potsdam_sample_dir, f'{split}_lbl', name))
    assert found == list(counts)
    assert sum(found) == total == 256 * 256


@pytest.mark.parametrize('split', ('train', 'val'))
def test_sample_tile_loads_through_potsdam_preset(potsdam_sample_dir, split,
                                                  tmp_path):
    sample = _sample(potsdam_sample_dir, split, tmp_path)
    img = sample['img']
    assert img.shape == (256, 256, 4) and img.dtype == np.uint8
    assert sample['geo_transform'] is None and sample['crs'] is None
    with warnings.catch_warnings():
        warnings.simplefilter('ignore', NotGeoreferencedWarning)
        src = rasterio.open(sample['img_path'])
    with src:
        np.testing.assert_array_equal(img, src.read().transpose(1, 2, 0))
    gt = sample['gt_seg_map']
    counts = np.bincount(gt.ravel(), minlength=256)
    assert counts[255] == 0 and counts[6:].sum() == 0
    assert tuple(counts[:6]) == EXPECTED[split][1]


@pytest.mark.parametrize('split, cell', [
    ('train', ('2_10', 1, 11, (2747, 250, 256, 256))),
    ('val', ('2_13', 1, 1, (250, 250, 256, 256))),
])
def test_authors_tiles_against_our_grid(potsdam_sample_dir, split, cell):
    """What the two real tiles can tell about the authors' grid: their
    names are cells of our 24 x 24 grid, both interior (so neither the
    overlap of our last tile nor any padding shows), no border row or
    column is blank, and image and label agree: band 3 is NIR (vegetation
    has a clearly higher NDVI than impervious surfaces)."""
    name = EXPECTED[split][0]
    tile = potsdam_tile_position(name)
    assert tuple(tile) == cell
    assert 0 < tile.row < 23 and 0 < tile.col < 23
    with warnings.catch_warnings():
        warnings.simplefilter('ignore', NotGeoreferencedWarning)
        with rasterio.open(
                osp.join(potsdam_sample_dir, f'{split}_RGBIR', name)) as src:
            img = src.read().astype(np.float64)
            assert src.profile['interleave'] == 'pixel'
            assert src.crs is None
    for border in (img[:, 0], img[:, -1], img[:, :, 0], img[:, :, -1]):
        assert border.max() > 0
    rgb = plain_label(osp.join(potsdam_sample_dir, f'{split}_lbl', name))
    red, nir = img[0], img[3]
    ndvi = (nir - red) / (nir + red + 1e-6)
    colours = get_preset('potsdam-rgbir')['palette']
    mean = [ndvi[np.all(rgb == c, axis=-1)].mean() for c in colours[:4]]
    impervious, low_vegetation, tree = mean[0], mean[2], mean[3]
    assert min(low_vegetation, tree) > impervious + 0.1


def plain_label(path):
    with warnings.catch_warnings():
        warnings.simplefilter('ignore', NotGeoreferencedWarning)
        with rasterio.open(path) as src:
            return src.read().transpose(1, 2, 0)
