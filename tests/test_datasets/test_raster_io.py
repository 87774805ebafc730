"""The raster door: writing, windows, geotransforms, thumbnails."""
import warnings

import numpy as np
import pytest

from grsim_mm.datasets.raster_io import (create_raster, open_raster,
                                         raster_shape, read_raster,
                                         read_thumbnail, window_geo_transform,
                                         write_raster)

GEO = (0.5, 0.0, 1000.0, 0.0, -0.5, 2000.0)


def test_write_and_read_back(tmp_path):
    data = np.arange(2 * 6 * 8, dtype=np.uint16).reshape(2, 6, 8)
    path = str(tmp_path / 'sub' / 'geo.tif')
    write_raster(path, data, crs='EPSG:32632', geo=GEO, compress='deflate')
    assert raster_shape(path) == (2, 6, 8)
    back, meta = read_raster(path)
    np.testing.assert_array_equal(back, data)
    assert meta['geo_transform'] == GEO
    assert 'UTM zone 32N' in meta['crs']
    # a window's geotransform, computed and as read
    window = (3, 2, 4, 3)
    part, meta = read_raster(path, bands=[1], window=window)
    np.testing.assert_array_equal(part, data[1:, 2:5, 3:7])
    assert meta['geo_transform'] == window_geo_transform(GEO, window) == (
        0.5, 0.0, 1001.5, 0.0, -0.5, 1999.0)
    assert window_geo_transform(None, window) is None


def test_plain_tiff_without_warnings(tmp_path):
    path = str(tmp_path / 'plain.tif')
    with warnings.catch_warnings():
        warnings.simplefilter('error')
        write_raster(path, np.ones((1, 4, 4), np.uint8), interleave='pixel')
        data, meta = read_raster(path)
    assert meta == dict(nodata=None, crs=None, geo_transform=None)
    assert data.sum() == 16


def test_thumbnail_is_decimated_with_its_colours(tmp_path):
    path = str(tmp_path / 'map.tif')
    # one label per 10 px column block, each block one thumbnail pixel
    labels = np.repeat(np.arange(10, dtype=np.uint8), 10)[None].repeat(40, 0)
    profile = dict(driver='GTiff', width=100, height=40, count=1,
                   dtype='uint8')
    with create_raster(path, profile) as dst:
        dst.write(labels, 1)
        dst.write_colormap(1, {0: (0, 0, 0, 255), 3: (9, 8, 7, 255)})
    thumb, colormap = read_thumbnail(path, 10)
    assert thumb.shape == (4, 10)
    assert thumb.tolist() == [list(range(10))] * 4
    assert colormap[3] == (9, 8, 7, 255)


def test_missing_and_unreadable(tmp_path):
    with pytest.raises(FileNotFoundError, match='nope.tif: file not found'):
        open_raster(str(tmp_path / 'nope.tif'))
    (tmp_path / 'junk.tif').write_text('junk')
    with pytest.raises(OSError, match='junk.tif: not a readable raster'):
        raster_shape(str(tmp_path / 'junk.tif'))
