"""Per-band statistics against NumPy on a small dataset with nodata: read
in strips, nodata pixels (every band at the nodata value) and non-finite
values ignored, percentiles exact for 16-bit data and within one bin
otherwise; tools/dataset_stats.py prints the setting's lines."""
import os.path as osp
import re

import numpy as np
import pytest
from tool_scripts import load_tool

from grsim_mm.datasets.band_statistics import (band_statistics, rasters_of,
                                               setting_lines, value_range)

REPO_ROOT = osp.dirname(osp.dirname(osp.dirname(osp.abspath(__file__))))
PERCENTILES = (0, 0.1, 1, 37.5, 50, 99, 99.9, 100)


def reflectance_tiles(folder, tif_writer, nodata=0):
    """Three 3-band uint16 tiles, reflectance x 10000 (far below 65535),
    with nodata borders; a few pixels have one band at 0 and are data."""
    rng = np.random.default_rng(0)
    folder.mkdir()
    tiles = []
    for i, (h, w) in enumerate([(20, 24), (17, 9), (31, 13)]):
        data = rng.integers(1, 4500, (3, h, w)).astype(np.uint16)
        data[1] //= 3  # a darker band
        data[:, :, :3 + i] = nodata  # nodata border
        data[2, -1, -1] = 0  # one band 0, the others not: data
        tif_writer(folder / f't{i}.tif', data, nodata=nodata)
        tiles.append(data)
    return tiles


def numpy_reference(tiles, nodata):
    """Valid values of every band, concatenated over tiles."""
    per_band = [[] for _ in range(tiles[0].shape[0])]
    for data in tiles:
        keep = ~(data == nodata).all(0)
        for band in range(data.shape[0]):
            values = data[band][keep].astype(np.float64)
            per_band[band].append(values[np.isfinite(values)])
    return [np.concatenate(v) for v in per_band]


def test_uint16_with_nodata_is_exact(tmp_path, tif_writer):
    tiles = reflectance_tiles(tmp_path / 'img', tif_writer)
    paths = rasters_of(str(tmp_path / 'img'))
    steps = []
    # 50 px a strip: several strips per file and strips across rows
    stats = band_statistics(paths, PERCENTILES, max_pixels=50,
                            progress=lambda n: lambda: steps.append(n))
    # one pass, one step per strip: 10 + 4 + 11 strips of 2, 5, 3 rows
    assert steps == [25] * 25
    reference = numpy_reference(tiles, 0)
    for band, values in enumerate(reference):
        assert stats.count[band] == values.size
        np.testing.assert_allclose(stats.mean[band], values.mean(),
                                   rtol=1e-13)
        np.testing.assert_allclose(stats.std[band], values.std(), rtol=1e-12)
        assert stats.min[band] == values.min()
        assert stats.max[band] == values.max()
        np.testing.assert_array_equal(stats.percentile_values[:, band],
                                      np.percentile(values, PERCENTILES))
    assert stats.min[2] == 0 and stats.min[0] > 0  # one-band zero kept
    assert not stats.percentile_error.any()
    assert stats.dtype == 'uint16'


def test_float_data_with_nan_is_within_one_bin(tmp_path, tif_writer):
    rng = np.random.default_rng(1)
    tiles = []
    (tmp_path / 'img').mkdir()
    for i in range(2):
        data = rng.lognormal(0, 1, (2, 15, 11)).astype(np.float32)
        data[:, :2] = -9999  # nodata rows
        data[0, 5, 5] = np.nan  # non-finite in one band only
        tif_writer(tmp_path / 'img' / f'f{i}.tif', data)
        tiles.append(data)
    paths = rasters_of(str(tmp_path / 'img' / '*.tif'))
    stats = band_statistics(paths, PERCENTILES, nodata=-9999, bins=64,
                            max_pixels=40)
    reference = numpy_reference(tiles, -9999)
    for band, values in enumerate(reference):
        assert stats.count[band] == values.size
        np.testing.assert_allclose(stats.mean[band], values.mean(),
                                   rtol=1e-6)  # float32 data
        np.testing.assert_allclose(stats.std[band], values.std(), rtol=1e-6)
        assert stats.min[band] == values.min()
        assert stats.max[band] == values.max()
        width = (values.max() - values.min()) / 64
        np.testing.assert_allclose(stats.percentile_error[band], width,
                                   rtol=1e-6)
        error = np.abs(stats.percentile_values[:, band]
                       - np.percentile(values, PERCENTILES))
        assert error.max() <= width * (1 + 1e-6)
        # not trivially: the medians differ by a fraction of a bin
        assert 0 < error[PERCENTILES.index(50)] < width
    assert stats.count[0] == stats.count[1] - 2  # a NaN per tile


def test_mixed_files_and_empty_bands_are_errors(tmp_path, tif_writer):
    a = tif_writer(tmp_path / 'a.tif', np.ones((3, 4, 4), np.uint16))
    b = tif_writer(tmp_path / 'b.tif', np.ones((4, 4, 4), np.uint16))
    with pytest.raises(ValueError,
                       match=r'b\.tif: 4 bands of uint16.*3 bands'):
        band_statistics([a, b])
    with pytest.raises(ValueError, match='no valid pixel.*nodata=1'):
        band_statistics([a], nodata=1)


def test_list_file_of_the_reference_layout(tmp_path, tif_writer):
    reflectance_tiles(tmp_path / 'train_S2', tif_writer)
    (tmp_path / 'trainR1_S2.txt').write_text('t0.tif\nt2.tif\n')
    assert rasters_of(str(tmp_path / 'trainR1_S2.txt')) == [
        str(tmp_path / 'train_S2' / 't0.tif'),
        str(tmp_path / 'train_S2' / 't2.tif')
    ]
    (tmp_path / 'other.txt').write_text('t0.tif\nt9.tif\n')
    missing = r't0\.tif: listed by .*other\.txt .*2 of 2.*--img-dir'
    with pytest.raises(FileNotFoundError, match=missing):
        rasters_of(str(tmp_path / 'other.txt'))
    (tmp_path / 'train_S2' / 't9.tif').write_bytes(b'')
    assert rasters_of(str(tmp_path / 'other.txt'),
                      img_dir=str(tmp_path / 'train_S2')) == [
        str(tmp_path / 'train_S2' / 't0.tif'),
        str(tmp_path / 'train_S2' / 't9.tif')
    ]


def test_tool_prints_the_setting_lines(tmp_path, tif_writer, capsys):
    tiles = reflectance_tiles(tmp_path / 'train_S2', tif_writer)
    (tmp_path / 'train_S2.txt').write_text('t0.tif\nt1.tif\nt2.tif\n')
    tool = load_tool('dataset_stats.py')
    tool.main([str(tmp_path / 'train_S2.txt'), '--nodata', '0',
               '--range-percentiles', '0.5', '99.5'])
    out = capsys.readouterr().out
    setting = {}
    exec('\n'.join(line for line in out.splitlines()
                   if re.match(r'(band_mean|band_std|value_range) = ', line)),
         {}, setting)
    reference = numpy_reference(tiles, 0)
    np.testing.assert_allclose(setting['band_mean'],
                               [v.mean() for v in reference], rtol=1e-5)
    np.testing.assert_allclose(setting['band_std'],
                               [v.std() for v in reference], rtol=1e-5)
    low = min(np.percentile(v, 0.5) for v in reference)
    high = max(np.percentile(v, 99.5) for v in reference)
    assert setting['value_range'] == (np.floor(low), np.ceil(high))
    assert setting['value_range'][1] < 4500  # far below the dtype's 65535
    assert 'percentiles exact' in out


def test_value_range_rounds_outward_for_integers(tmp_path, tif_writer):
    data = np.array([[[0, 10, 11, 20]]], np.uint16)
    path = tif_writer(tmp_path / 'a.tif', data, nodata=0)
    stats = band_statistics([path], (10, 90))
    # NumPy: 10.2 and 18.2 over [10, 11, 20]
    np.testing.assert_allclose(stats.percentile_values[:, 0], [10.2, 18.2])
    assert value_range(stats, 10, 90) == (10., 19.)
    assert setting_lines(stats, 10, 90)[2].startswith('value_range = (10, 19)')
