"""Writing rasters, reading headers, and errors on truncated files."""
import numpy as np
import pytest

from grsim_mm.datasets.raster_io import raster_info, read_raster, write_raster


@pytest.mark.parametrize('driver,ext', [('GTiff', 'tif'), ('PNG', 'png')])
def test_lossless_round_trip(tmp_path, driver, ext):
    rng = np.random.default_rng(0)
    img = rng.integers(0, 256, (20, 30, 3), dtype=np.uint8)
    path = str(tmp_path / f'a.{ext}')
    write_raster(path, img.transpose(2, 0, 1), driver=driver)
    data, meta = read_raster(path)
    np.testing.assert_array_equal(data.transpose(1, 2, 0), img)
    assert meta['geo_transform'] is None
    info = raster_info(path)
    assert {k: info[k] for k in ('count', 'dtype', 'width', 'height',
                                 'driver')} == dict(
                                     count=3, dtype='uint8', width=30,
                                     height=20, driver=driver)
    assert info['crs'] is None and info['transform'] is None


def test_multiband_uint16_header(tmp_path):
    img = np.arange(8 * 8 * 13, dtype=np.uint16).reshape(8, 8, 13)
    path = str(tmp_path / 'ms.tif')
    write_raster(path, img.transpose(2, 0, 1))
    info = raster_info(path)
    assert (info['count'], info['dtype']) == (13, 'uint16')
    np.testing.assert_array_equal(read_raster(path, bands=[12, 0])[0],
                                  img[..., [12, 0]].transpose(2, 0, 1))


def test_jpeg_close_to_source(tmp_path):
    yy, xx = np.mgrid[0:32, 0:32]
    img = np.stack([yy * 8, xx * 8, (yy + xx) * 4], -1).astype(np.uint8)
    path = str(tmp_path / 'a.jpg')
    write_raster(path, img.transpose(2, 0, 1), driver='JPEG', quality=95)
    data, _ = read_raster(path)
    assert raster_info(path)['driver'] == 'JPEG'
    # lossy, but channel order and values survive: RGB, not BGR
    assert np.abs(data.transpose(1, 2, 0).astype(int) - img).mean() < 3


@pytest.mark.parametrize('driver,ext', [('GTiff', 'tif'), ('PNG', 'png'),
                                        ('JPEG', 'jpg')])
def test_truncated_file_names_the_file(tmp_path, driver, ext):
    rng = np.random.default_rng(1)
    img = rng.integers(0, 256, (64, 64, 3), dtype=np.uint8)
    path = str(tmp_path / f'cut.{ext}')
    write_raster(path, img.transpose(2, 0, 1), driver=driver)
    with open(path, 'rb') as f:
        content = f.read()
    with open(path, 'wb') as f:
        f.write(content[:len(content) // 2])
    with pytest.raises(OSError, match='cut'):
        read_raster(path)


def test_not_a_raster(tmp_path):
    path = tmp_path / 'junk.tif'
    path.write_bytes(b'not an image' * 10)
    with pytest.raises(OSError, match='junk.tif: not a readable raster'):
        raster_info(str(path))
    with pytest.raises(FileNotFoundError, match='missing.tif'):
        raster_info(str(tmp_path / 'missing.tif'))
