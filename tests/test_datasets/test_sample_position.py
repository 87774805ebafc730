"""Every pretraining sample knows where it lies: scene windows and tiles,
with and without georeference; clear errors where nothing says so."""
import math
import os.path as osp

import numpy as np
import pytest
import rasterio
import torch
from affine import Affine
from rasterio.crs import CRS
from rasterio.transform import xy
from rasterio.windows import Window
from rasterio.windows import transform as window_transform

from grsim_mm.datasets import RSIUnlabeledDataset
from grsim_mm.datasets.positions import (frame_id, map_frame_id,
                                         pairwise_geo_distance)
from grsim_mm.datasets.transforms import SamplePosition



@pytest.fixture(autouse=True)
def pretrain_scope(seg_scope):
    """Pretraining pipelines build in mmpretrain's scope."""
    from mmengine.registry import DefaultScope
    with DefaultScope.overwrite_default_scope('mmpretrain'):
        yield


# rotated and sheared, pixel area 0.3 * 0.3 + 0.1 * 0.05 = 0.095
SCENE_TRANSFORM = Affine(0.3, 0.1, 500000.0, 0.05, -0.3, 5800000.0)
UTM33 = CRS.from_epsg(32633)
UTM32 = CRS.from_epsg(32632)


def _scenes(tmp_path, tif_writer, specs):
    """Write (name, crs, transform) scenes of 3 bands, 40 x 50 px."""
    folder = tmp_path / 'scenes'
    folder.mkdir()
    data = np.arange(3 * 40 * 50, dtype=np.uint16).reshape(3, 40, 50)
    for name, crs, transform in specs:
        profile = {} if crs is None else dict(crs=crs, transform=transform)
        tif_writer(folder / name, data, **profile)
    return str(folder)


def _windows(folder, unit='pixel', count=12):
    ds = RSIUnlabeledDataset(
        data_prefix=dict(img_path=folder), window_size=16,
        samples_per_epoch=count,
        pipeline=[dict(type='LoadRasterImageFromFile'),
                  dict(type='SamplePosition', unit=unit)])
    np.random.seed(0)
    return [ds[i] for i in range(count)]


def test_scene_window_reports_rasterio_map_coordinates(tmp_path, tif_writer):
    folder = _scenes(tmp_path, tif_writer,
                     [('geo.tif', UTM33, SCENE_TRANSFORM)])
    wkt = UTM33.to_wkt()
    with rasterio.open(osp.join(folder, 'geo.tif')) as src:
        scene = src.transform
    for unit in ('map', 'pixel'):
        for sample in _windows(folder, unit):
            x, y, w, h = sample['window']
            own = window_transform(Window(x, y, w, h), scene)
            expected = np.array(xy(own, h / 2, w / 2, offset='ul'), float)
            if unit == 'pixel':
                expected /= math.sqrt(0.095)
                assert sample['frame'] == map_frame_id(wkt, math.sqrt(0.095))
            else:
                assert sample['frame'] == map_frame_id(wkt)
            assert sample['centre'].dtype == np.float64
            np.testing.assert_allclose(sample['centre'], expected, rtol=0,
                                       atol=1e-6)


def test_scene_without_georeference_gives_scene_pixels(tmp_path, tif_writer):
    folder = _scenes(tmp_path, tif_writer, [('plain.tif', None, None)])
    for sample in _windows(folder):
        x, y, w, h = sample['window']
        assert tuple(sample['centre']) == (x + w / 2, y + h / 2)
        assert sample['frame'] == frame_id(sample['img_path'], None)


def test_frames_follow_the_crs_not_the_file(tmp_path, tif_writer):
    """Scenes of one CRS are compared across files, at their true map
    distance; scenes of another CRS or without georeference never."""
    east = Affine(0.5, 0, 500025.0, 0, -0.5, 5800000.0)  # 50 px east
    folder = _scenes(tmp_path, tif_writer, [
        ('a.tif', UTM33, Affine(0.5, 0, 500000.0, 0, -0.5, 5800000.0)),
        ('b.tif', UTM33, east), ('c.tif', UTM32, east),
        ('d.tif', None, None)])
    samples = _windows(folder, 'map', count=40)
    by_file = {}
    for s in samples:
        by_file.setdefault(osp.basename(s['img_path']), []).append(s)
    assert set(by_file) == {'a.tif', 'b.tif', 'c.tif', 'd.tif'}
    a, b, c, d = (by_file[k][0] for k in sorted(by_file))
    centres = torch.tensor(np.stack([s['centre'] for s in (a, b, c, d)]))
    frames = torch.tensor([s['frame'] for s in (a, b, c, d)])
    dist = pairwise_geo_distance(centres, frames, centres, frames)
    (ax, ay), (bx, by) = a['window'][:2], b['window'][:2]
    assert dist[0, 1].item() == pytest.approx(
        0.5 * math.hypot(bx + 50 - ax, by - ay), abs=1e-6)
    assert torch.isinf(dist[:2, 2:]).all() and torch.isinf(dist[2, 3])


def test_potsdam_tiles_on_the_grid(potsdam_sample_dir):
    ds = RSIUnlabeledDataset(
        data_prefix=dict(img_path=osp.join(potsdam_sample_dir, 'train_RGBIR')),
        positions='potsdam_grid',
        pipeline=[dict(type='LoadRasterImageFromFile'),
                  dict(type='SamplePosition')])
    sample = ds[0]
    # tile 36 = row 1, column 11 of the 24 x 24 grid: offsets (2747, 250)
    assert sample['grid_cell'] == (1, 11)
    assert tuple(sample['centre']) == (2747 + 128, 250 + 128)
    assert sample['frame'] == frame_id('2_10', None)


def test_demo_tiles_on_their_grid(demo_root):
    ds = RSIUnlabeledDataset(
        data_root=demo_root, split='train', positions='tile_grid',
        tile_grid=dict(scene_size=256, tile_size=64),
        pipeline=[dict(type='LoadRasterImageFromFile'),
                  dict(type='SamplePosition')])
    for i in (0, 5, 20):
        sample = ds[i]
        scene, k = osp.basename(sample['img_path']).split('_RGBIR__')
        row, col = divmod(int(k[:-4]) - 1, 4)
        assert tuple(sample['centre']) == (64 * col + 32, 64 * row + 32)
        assert sample['frame'] == frame_id(scene, None)
    # a grid that does not fit the tiles is an error, not a wrong place
    ds = RSIUnlabeledDataset(
        data_root=demo_root, split='train', positions='tile_grid',
        tile_grid=dict(scene_size=512, tile_size=128),
        pipeline=[dict(type='LoadRasterImageFromFile'),
                  dict(type='SamplePosition')])
    with pytest.raises(ValueError, match='the tile is 64x64 px, but the '
                       'grid of 512 px scenes .* has 128 px tiles'):
        ds[0]


def test_georeferenced_tiles(tmp_path, tif_writer):
    folder = tmp_path / 'tiles'
    folder.mkdir()
    tile = np.zeros((1, 8, 8), np.uint8)
    tif_writer(folder / 't1.tif', tile, crs=UTM33,
               transform=Affine(2, 0, 1000, 0, -2, 9000))
    tif_writer(folder / 't2.tif', tile)
    ds = RSIUnlabeledDataset(
        data_prefix=dict(img_path=str(folder)), positions='georeference',
        pipeline=[dict(type='LoadRasterImageFromFile'),
                  dict(type='SamplePosition', unit='map')])
    first = ds[0]
    assert tuple(first['centre']) == (1008.0, 8992.0)
    assert first['frame'] == map_frame_id(UTM33.to_wkt())
    with pytest.raises(ValueError, match="t2.tif: positions='georeference', "
                       'but the tile has no georeference'):
        ds[1]


def test_position_aware_pipeline_without_positions_fails_at_build(demo_root):
    pipeline = [dict(type='LoadRasterImageFromFile'),
                dict(type='SamplePosition')]
    with pytest.raises(ValueError) as info:
        RSIUnlabeledDataset(data_root=demo_root, split='train',
                            pipeline=pipeline)
    message = str(info.value)
    assert 'train_RGBIR.txt' in message and 'SamplePosition' in message
    assert 'tiles without positions' in message
    assert "positions='potsdam_grid'" in message
    # neighbours need a scene: a tile's own georeference does not say which
    with pytest.raises(ValueError, match="NeighbourTiles needs .* but the "
                       "dataset has positions='georeference'"):
        RSIUnlabeledDataset(
            data_root=demo_root, split='train', positions='georeference',
            pipeline=[dict(type='LoadRasterImageFromFile'),
                      dict(type='NeighbourTiles'),
                      dict(type='PairedViews', num_windows=0)])


def test_samples_of_other_datasets_have_no_position(tmp_path, tif_writer):
    path = tif_writer(tmp_path / 'x.tif', np.zeros((1, 4, 4), np.uint8))
    with pytest.raises(ValueError, match="x.tif: SamplePosition needs the "
                       "sample's position"):
        SamplePosition()(dict(img_path=path, img=np.zeros((4, 4, 1))))


@pytest.mark.parametrize('kwargs,match', [
    (dict(positions='grid'), "positions='grid' is not one of"),
    (dict(positions='tile_grid'), 'needs tile_grid=dict'),
    (dict(positions='potsdam_grid', window_size=8, samples_per_epoch=2),
     'is for tiles'),
])
def test_bad_position_arguments(demo_root, kwargs, match):
    with pytest.raises(ValueError, match=match):
        RSIUnlabeledDataset(data_root=demo_root, split='train', **kwargs)
