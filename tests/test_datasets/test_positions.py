"""Sample positions: window centres as rasterio gives them, the Potsdam tile
grid, frames and distances."""
import math
import os.path as osp

import numpy as np
import pytest
import rasterio
import torch
from affine import Affine
from rasterio.crs import CRS
from rasterio.transform import from_origin, xy
from rasterio.windows import Window
from rasterio.windows import transform as window_transform
from tool_scripts import load_tool

from grsim_mm.datasets.positions import (frame_id, geo_distance_matrix,
                                         grid_offsets, pairwise_geo_distance,
                                         potsdam_tile_position, window_centre)
from grsim_mm.datasets.raster_io import read_raster

# rotated and sheared, so every coefficient of the affine matters
SCENE_TRANSFORM = Affine(0.3, 0.1, 500000.0, 0.05, -0.3, 5800000.0)


@pytest.fixture
def georeferenced_scene(tmp_path, tif_writer):
    data = np.arange(3 * 80 * 100, dtype=np.uint16).reshape(3, 80, 100)
    path = tif_writer(tmp_path / 'scene.tif', data, crs=CRS.from_epsg(32633),
                      transform=SCENE_TRANSFORM)
    return path, data


@pytest.mark.parametrize('window', [(10, 20, 32, 24), (0, 0, 100, 80),
                                    (67, 5, 31, 23)])
def test_window_read_reports_rasterio_centre(georeferenced_scene, window):
    path, data = georeferenced_scene
    x, y, w, h = window
    img, meta = read_raster(path, window=window)
    np.testing.assert_array_equal(img, data[:, y:y + h, x:x + w])
    with rasterio.open(path) as src:
        own = window_transform(Window(x, y, w, h), src.transform)
        scene = src.transform
    assert meta['geo_transform'] == pytest.approx(tuple(own)[:6], abs=0)
    expected = xy(own, h / 2, w / 2, offset='ul')
    # from the window's own transform and from the scene's: the same point
    for centre in (window_centre(meta['geo_transform'], (0, 0, w, h)),
                   window_centre(tuple(scene)[:6], window)):
        assert centre == pytest.approx(tuple(map(float, expected)),
                                       rel=0, abs=1e-6)
    if w % 2 and h % 2:
        # odd sizes: the centre is the centre of the middle pixel
        middle = xy(scene, y + h // 2, x + w // 2, offset='center')
        assert window_centre(tuple(scene)[:6], window) == pytest.approx(
            tuple(map(float, middle)), rel=0, abs=1e-6)


def test_pixel_centre_without_georeference(tmp_path, tif_writer):
    path = tif_writer(tmp_path / 'plain.tif', np.zeros((1, 40, 50), np.uint8))
    _, meta = read_raster(path, window=(10, 20, 8, 6))
    assert meta['geo_transform'] is None
    assert window_centre(meta['geo_transform'], (10, 20, 8, 6)) == (14.0,
                                                                   23.0)


# Our converter's grid for a 6000 px scene and 256 px tiles: offsets 0, 250,
# 499, 749, 999, 1249, 1498, 1748, 1998, 2248, 2497, 2747, 2997, ..., 5744.
@pytest.mark.parametrize('name,expected', [
    ('top_potsdam_2_10_RGBIR__1.tif', ('2_10', 0, 0, (0, 0, 256, 256))),
    ('top_potsdam_2_10_RGBIR__24.tif', ('2_10', 0, 23, (5744, 0, 256, 256))),
    ('top_potsdam_2_10_RGBIR__25.tif', ('2_10', 1, 0, (0, 250, 256, 256))),
    ('top_potsdam_2_10_RGBIR__36.tif', ('2_10', 1, 11,
                                        (2747, 250, 256, 256))),
    ('val_RGBIR/top_potsdam_2_13_RGBIR__26.tif', ('2_13', 1, 1,
                                                  (250, 250, 256, 256))),
    ('top_potsdam_7_12_IRRG__300.tif', ('7_12', 12, 11,
                                        (2747, 2997, 256, 256))),
    ('top_potsdam_6_7_RGBIR__576.tif', ('6_7', 23, 23,
                                        (5744, 5744, 256, 256))),
])
def test_potsdam_tile_names(name, expected):
    assert tuple(potsdam_tile_position(name)) == expected


def test_potsdam_sample_tiles_parse(potsdam_sample_dir):
    tile = potsdam_tile_position(
        osp.join(potsdam_sample_dir, 'train_RGBIR',
                 'top_potsdam_2_10_RGBIR__36.tif'))
    assert (tile.scene, tile.row, tile.col) == ('2_10', 1, 11)


@pytest.mark.parametrize('name,match', [
    ('top_potsdam_2_10_RGBIR__0.tif', 'outside the 24x24 grid'),
    ('top_potsdam_2_10_RGBIR__577.tif', 'outside the 24x24 grid'),
    ('top_potsdam_2_10_RGBIR.tif', 'not a Potsdam tile name'),
    ('tile_0001.tif', 'not a Potsdam tile name'),
])
def test_bad_tile_names(name, match):
    with pytest.raises(ValueError, match=match) as info:
        potsdam_tile_position(name)
    assert name in str(info.value)


@pytest.fixture(scope='module')
def converter():
    return load_tool('dataset_converters/potsdam.py')


def test_grid_offsets_are_the_converters(converter):
    assert converter.grid_offsets is grid_offsets


def test_converter_tiles_lie_where_their_names_say(tmp_path, tif_writer,
                                                   converter):
    """Cut a georeferenced scene with the converter; every tile's pixels and
    own georeference agree with the window its name gives."""
    rng = np.random.default_rng(0)
    img = rng.integers(0, 255, (4, 300, 300), dtype=np.uint8)
    lbl = np.full((3, 300, 300), 255, np.uint8)
    scene_transform = from_origin(366000.0, 5808000.0, 0.05, 0.05)
    (tmp_path / 'img').mkdir()
    (tmp_path / 'lbl').mkdir()
    tif_writer(tmp_path / 'img' / 'top_potsdam_2_10_RGBIR.tif', img,
               crs=CRS.from_epsg(32633), transform=scene_transform)
    tif_writer(tmp_path / 'lbl' / 'top_potsdam_2_10_label.tif', lbl)
    names = converter.convert(
        str(tmp_path / 'img'), str(tmp_path / 'lbl'), str(tmp_path / 'out'),
        tile=64)['train']
    assert len(names) == 25
    for name in names:
        tile = potsdam_tile_position(name, scene_size=300, tile_size=64)
        x, y, w, h = tile.window
        data, meta = read_raster(str(tmp_path / 'out' / 'train_RGBIR' / name))
        np.testing.assert_array_equal(data, img[:, y:y + h, x:x + w])
        assert window_centre(meta['geo_transform'], (0, 0, w, h)) == \
            pytest.approx(window_centre(tuple(scene_transform)[:6],
                                        tile.window), rel=0, abs=1e-6)


WKT_A = CRS.from_epsg(32633).to_wkt()
WKT_B = CRS.from_epsg(32632).to_wkt()


def test_distance_matrix_is_infinite_across_scenes_and_crss():
    inf = math.inf
    dist = geo_distance_matrix(
        ['a', 'a', 'b', 'a', 'a'], [WKT_A, WKT_A, WKT_A, WKT_B, WKT_A],
        [(0, 0), (3, 4), (0, 0), (0, 0), (6, 8)])
    expected = np.array([[0, 5, inf, inf, 10],
                         [5, 0, inf, inf, 5],
                         [inf, inf, 0, inf, inf],
                         [inf, inf, inf, 0, inf],
                         [10, 5, inf, inf, 0]])
    np.testing.assert_array_equal(dist, expected)
    with pytest.raises(ValueError, match='one of each per sample'):
        geo_distance_matrix(['a'], [None, None], [(0, 0)])


def test_distance_keeps_precision_of_map_coordinates():
    # UTM northings of millions of metres, 5 cm apart
    centres = torch.tensor([[366000.0, 5808000.0], [366000.03, 5808000.04]],
                           dtype=torch.float64)
    frames = torch.zeros(2, dtype=torch.long)
    dist = pairwise_geo_distance(centres, frames, centres, frames)
    assert dist[0, 1].item() == pytest.approx(0.05, abs=1e-8)


def test_frame_ids_are_stable_and_distinct():
    # a fixed value: the id must not depend on the process (Python's hash()
    # is salted per process), or ranks would disagree
    assert frame_id('2_10', None) == frame_id('2_10', '')
    ids = {frame_id(s, c) for s in ('2_10', '2_11') for c in (None, WKT_A)}
    assert len(ids) == 4
    assert all(0 <= i < 2**63 for i in ids)
    assert frame_id('2_10', None) == 8813536689204642894
