"""GeoBalancedSampler balances the guide classes of the drawn windows."""
import warnings

import numpy as np
import pytest
import rasterio
from mmengine.registry import DefaultScope
from mmpretrain.registry import DATASETS
from rasterio.errors import NotGeoreferencedWarning
from rasterio.transform import from_origin

import grsim_mm  # noqa: F401
from grsim_mm.datasets.geo_balanced_sampler import (GeoBalancedSampler,
                                                    box_counts)


def write(path, array, **profile):
    array = array[None] if array.ndim == 2 else array
    with warnings.catch_warnings():
        warnings.simplefilter('ignore', NotGeoreferencedWarning)
        with rasterio.open(path,
                           'w',
                           driver='GTiff',
                           count=array.shape[0],
                           height=array.shape[1],
                           width=array.shape[2],
                           dtype=array.dtype.name,
                           **profile) as dst:
            dst.write(array)
    return str(path)


def ninety_ten_guide(size=600):
    """Class 1 on 10 % of the area, in four 95 x 95 squares; class 2 else."""
    guide = np.full((size, size), 2, np.uint8)
    for y, x in [(40, 60), (300, 420), (450, 100), (150, 250)]:
        guide[y:y + 95, x:x + 95] = 1
    return guide


def majority(guide, x, y, size):
    values, counts = np.unique(guide[y:y + size, x:x + size],
                               return_counts=True)
    return values[np.argmax(counts)]


def test_box_counts_against_loops():
    rng = np.random.default_rng(0)
    a = rng.integers(0, 2, (2, 7, 9)).astype(bool)
    out = box_counts(a, 3)
    assert out.shape == (2, 5, 7)
    for c in range(2):
        for i in range(5):
            for j in range(7):
                assert out[c, i, j] == a[c, i:i + 3, j:j + 3].sum()


def test_ninety_ten_split_comes_out_near_half(tmp_path):
    guide = ninety_ten_guide()
    assert abs((guide == 1).mean() - 0.1) < 0.01
    scene = write(tmp_path / 'scene.tif', np.zeros((3, 600, 600), np.uint8))
    gpath = write(tmp_path / 'guide.tif', guide)
    sampler = GeoBalancedSampler([scene], [gpath], window_size=48)
    np.random.seed(0)
    draws = sampler.draw(4000)
    assert draws['x'].min() >= 0 and draws['x'].max() <= 600 - 48
    truth = np.array(
        [majority(guide, x, y, 48) for x, y in zip(draws['x'], draws['y'])])
    # the drawn class is the window's majority class almost always
    assert (truth == draws['cls']).mean() > 0.97
    # balanced: 4000 draws, binomial sd 0.008; bound 0.05 leaves room for
    # the windows straddling a square's edge
    assert abs((truth == 1).mean() - 0.5) < 0.05
    # uniform window positions would give about 10 %
    rng = np.random.RandomState(0)
    uniform = [
        majority(guide, x, y, 48)
        for x, y in rng.randint(0, 600 - 48, (2000, 2))
    ]
    assert np.mean(np.equal(uniform, 1)) < 0.15


def test_class_weights_and_ignored_values(tmp_path):
    guide = ninety_ten_guide()
    guide[:, :60] = 0  # unclassified strip
    scene = write(tmp_path / 'scene.tif', np.zeros((1, 600, 600), np.uint8))
    gpath = write(tmp_path / 'guide.tif', guide)
    sampler = GeoBalancedSampler([scene], [gpath],
                                 48,
                                 class_weights={
                                     1: 3.0,
                                     2: 1.0
                                 },
                                 ignore_values=[0])
    assert sampler.classes == [1, 2]
    np.random.seed(1)
    cls = sampler.draw(4000)['cls']
    assert abs((cls == 1).mean() - 0.75) < 0.03  # 4.5 sd
    with pytest.raises(ValueError, match='majority class with a positive'):
        GeoBalancedSampler([scene], [gpath], 48, class_weights={7: 1.0})
    # a scene whose guide is all unclassified adds no candidates
    empty = write(tmp_path / 'empty.tif', np.zeros((600, 600), np.uint8))
    both = GeoBalancedSampler([scene, scene], [gpath, empty],
                              48,
                              ignore_values=[0])
    assert set(np.unique(both.draw(500)['scene'])) == {0}
    assert both.class_counts == sampler.class_counts


def test_georeferenced_guide_is_warped_onto_the_scene(tmp_path):
    # scene: 0.5 m pixels from (1000, 2000); guide: 4 m pixels over a larger
    # area, class 5 east of x = 1150 m, i.e. from scene column 300
    scene = write(tmp_path / 'scene.tif',
                  np.zeros((1, 400, 400), np.uint8),
                  crs='EPSG:32632',
                  transform=from_origin(1000, 2000, .5, .5))
    cols = np.arange(100) * 4 + 900 + 2  # guide cell centres (m)
    guide = np.where(cols >= 1150, 5, 3).astype(np.uint8)
    guide = np.repeat(guide[None], 100, 0)
    gpath = write(tmp_path / 'guide.tif',
                  guide,
                  crs='EPSG:32632',
                  transform=from_origin(900, 2100, 4, 4),
                  nodata=255)
    sampler = GeoBalancedSampler([scene], [gpath], 40)
    np.random.seed(2)
    draws = sampler.draw(2000)
    east = draws['x'] + 20 >= 300  # window centre east of the edge
    agree = np.where(east, 5, 3) == draws['cls']
    assert agree.mean() > 0.97
    assert abs((draws['cls'] == 5).mean() - 0.5) < 0.05


def test_dataset_reads_balanced_windows(tmp_path):
    guide = ninety_ten_guide()
    img = np.stack([guide * 50, guide, guide]).astype(np.uint8)
    (tmp_path / 'scenes').mkdir()
    (tmp_path / 'guides').mkdir()
    write(tmp_path / 'scenes' / 'a.tif', img)
    write(tmp_path / 'guides' / 'a_lc.tif', guide)
    cfg = dict(type='GeoBalancedDataset',
               data_prefix=dict(img_path=str(tmp_path / 'scenes')),
               guide=str(tmp_path / 'guides'),
               guide_suffix='_lc.tif',
               window_size=48,
               samples_per_epoch=10,
               pipeline=[dict(type='LoadRasterImageFromFile')])
    with DefaultScope.overwrite_default_scope('mmpretrain'):
        ds = DATASETS.build(cfg)
    assert len(ds) == 10
    np.random.seed(3)
    for i in range(10):
        sample = ds[i]
        x, y, w, h = sample['window']
        assert sample['img'].shape == (48, 48, 3)
        np.testing.assert_array_equal(sample['img'][..., 0],
                                      guide[y:y + 48, x:x + 48] * 50)
    cfg['guide_suffix'] = '.tif'
    with DefaultScope.overwrite_default_scope('mmpretrain'), \
            pytest.raises(FileNotFoundError, match='no guide for scene'):
        DATASETS.build(cfg)


def test_read_on_grid_errors(tmp_path):
    from grsim_mm.datasets.raster_io import read_on_grid
    plain = write(tmp_path / 'plain.tif', np.zeros((2, 8, 8), np.uint8))
    data, meta = read_on_grid(plain, 4, 2, band=1)
    assert data.shape == (4, 2) and meta['nodata'] is None
    with pytest.raises(ValueError, match='plain.tif: has no CRS'):
        read_on_grid(plain, 4, 4, 'EPSG:32632', from_origin(0, 0, 1, 1))
    with pytest.raises(ValueError, match='band index 2 does not exist'):
        read_on_grid(plain, 4, 4, band=2)
