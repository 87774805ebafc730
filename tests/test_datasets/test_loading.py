import warnings

import numpy as np
import pytest
from rasterio.crs import CRS
from rasterio.transform import from_origin

from grsim_mm.datasets.transforms import (LoadRasterAnnotations,
                                          LoadRasterImageFromFile)
from grsim_mm.datasets.colour_decoder import ColourDecoder

PALETTE = [(255, 255, 255), (0, 0, 255), (0, 255, 255), (0, 255, 0)]


@pytest.fixture
def image(tmp_path, tif_writer):
    rng = np.random.default_rng(0)
    data = rng.integers(0, 256, (5, 20, 30), dtype=np.uint8)
    path = tif_writer(tmp_path / 'img.tif', data, interleave='pixel')
    return path, data


def load(path, **kwargs):
    return LoadRasterImageFromFile(**kwargs)(dict(img_path=path))


def test_full_read_is_hwc_native_dtype(image):
    path, data = image
    results = load(path)
    assert results['img'].dtype == np.uint8
    np.testing.assert_array_equal(results['img'], data.transpose(1, 2, 0))
    assert results['img_shape'] == (20, 30)
    assert results['ori_shape'] == (20, 30)
    assert results['crs'] is None and results['geo_transform'] is None
    assert 'nodata_mask' not in results


def test_window_read_equals_slice_of_full_read(image):
    path, _ = image
    full = load(path)['img']
    win = load(path, window=(7, 3, 11, 9))['img']  # x, y, w, h
    np.testing.assert_array_equal(win, full[3:12, 7:18])
    # a per-sample window in the results wins over the default one
    results = LoadRasterImageFromFile(window=(0, 0, 2, 2))(
        dict(img_path=path, window=(29, 19, 1, 1)))
    np.testing.assert_array_equal(results['img'], full[19:20, 29:30])


def test_label_is_read_with_the_image_window(image, tmp_path, tif_writer):
    path, _ = image
    label = (np.arange(600).reshape(1, 20, 30) % 7).astype(np.uint8)
    lbl_path = tif_writer(tmp_path / 'lbl.tif', label)
    results = LoadRasterImageFromFile(window=(4, 5, 10, 6))(
        dict(img_path=path, seg_map_path=lbl_path))
    assert results['window'] == (4, 5, 10, 6)
    gt = LoadRasterAnnotations()(results)['gt_seg_map']
    np.testing.assert_array_equal(gt, label[0, 5:11, 4:14])


def test_window_outside_raster_is_an_error(image):
    path, _ = image
    with pytest.raises(ValueError, match='img.tif.*outside the raster'):
        load(path, window=(25, 0, 10, 5))


def test_band_selection_and_order(image):
    path, data = image
    img = load(path, bands=[4, 0, 2])['img']
    np.testing.assert_array_equal(img[..., 0], data[4])
    np.testing.assert_array_equal(img[..., 1], data[0])
    np.testing.assert_array_equal(img[..., 2], data[2])
    with pytest.raises(ValueError, match=r'img.tif.*\[5\].*5 bands'):
        load(path, bands=[5])


def test_band_count_differing_from_config(image):
    path, _ = image
    with pytest.raises(ValueError, match='img.tif: has 5 bands, but the '
                       'config expects 4'):
        load(path, num_bands=4)


def test_to_float32(image):
    path, data = image
    img = load(path, to_float32=True)['img']
    assert img.dtype == np.float32
    np.testing.assert_array_equal(img, data.transpose(1, 2, 0))


def test_uint16_nodata_and_georeference(tmp_path, tif_writer):
    rng = np.random.default_rng(1)
    data = rng.integers(1, 60000, (3, 8, 10), dtype=np.uint16)
    data[:, 0, :4] = 65535  # nodata in every band
    data[0, 5, 5] = 65535  # nodata in one band only: still valid
    transform = from_origin(500000.0, 5800000.0, 0.05, 0.05)
    img_path = tif_writer(
        tmp_path / 'img.tif',
        data,
        nodata=65535,
        crs=CRS.from_epsg(32633),
        transform=transform)
    label = np.arange(80, dtype=np.uint8).reshape(1, 8, 10) % 4
    label[0, 7, 9] = 9
    lbl_path = tif_writer(tmp_path / 'lbl.tif', label, nodata=9)

    results = load(img_path, window=(2, 0, 6, 3))
    assert results['img'].dtype == np.uint16
    np.testing.assert_array_equal(results['img'],
                                  data[:, 0:3, 2:8].transpose(1, 2, 0))
    expected_mask = np.zeros((3, 6), bool)
    expected_mask[0, :2] = True  # columns 2, 3 of row 0
    np.testing.assert_array_equal(results['nodata_mask'], expected_mask)
    assert CRS.from_wkt(results['crs']) == CRS.from_epsg(32633)
    # the window's transform: origin shifted by 2 columns of 5 cm
    assert results['geo_transform'] == pytest.approx(
        (0.05, 0.0, 500000.1, 0.0, -0.05, 5800000.0))

    full = load(img_path)
    full['seg_map_path'] = lbl_path
    gt = LoadRasterAnnotations()(full)['gt_seg_map']
    expected = label[0].copy()
    expected[0, :4] = 255  # image nodata
    expected[7, 9] = 255  # label nodata
    np.testing.assert_array_equal(gt, expected)
    assert gt.dtype == np.uint8


def test_not_georeferenced_tiff_reads_without_warning(tmp_path, tif_writer):
    path = tif_writer(tmp_path / 'plain.tif', np.ones((4, 4, 4), np.uint8))
    with warnings.catch_warnings():
        warnings.simplefilter('error')
        results = load(path)
    assert results['geo_transform'] is None


def naive_decode(rgb_hwc, palette):
    out = np.full(rgb_hwc.shape[:2], 255, np.uint8)
    for idx, colour in enumerate(palette):
        out[np.all(rgb_hwc == colour, axis=-1)] = idx
    return out


def test_colour_decoder_matches_per_colour_comparison():
    rng = np.random.default_rng(2)
    palette = [(0, 0, 0), (255, 0, 0), (0, 0, 255), (12, 34, 56),
               (255, 255, 255)]
    choice = rng.integers(0, 6, (40, 50))
    colours = np.array(palette + [(1, 2, 3)], np.uint8)
    rgb = colours[choice]
    label, unknown = ColourDecoder(palette)(rgb.transpose(2, 0, 1))
    np.testing.assert_array_equal(label, naive_decode(rgb, palette))
    np.testing.assert_array_equal(unknown, choice == 5)


def test_colour_decoder_rejects_duplicates():
    with pytest.raises(ValueError, match='duplicates'):
        ColourDecoder([(1, 2, 3), (1, 2, 3)])


@pytest.fixture
def colour_label(tmp_path, tif_writer):
    rgb = np.zeros((6, 7, 3), np.uint8)
    rgb[:] = PALETTE[2]
    rgb[:2, :3] = PALETTE[1]
    rgb[5, 6] = PALETTE[3]
    rgb[3, 3] = (10, 20, 30)  # not a class colour
    rgb[4, 4] = (10, 20, 30)
    path = tif_writer(tmp_path / 'lbl.tif', rgb.transpose(2, 0, 1))
    return path, rgb


def test_unknown_colour_is_an_error_naming_file_and_colour(colour_label):
    path, _ = colour_label
    with pytest.raises(ValueError,
                       match=r'lbl.tif: 2 pixels .* RGB \[\(10, 20, 30\)\]'):
        LoadRasterAnnotations(colours=PALETTE)(dict(seg_map_path=path))


def test_unknown_colour_ignore(colour_label):
    path, rgb = colour_label
    gt = LoadRasterAnnotations(unknown_colour='ignore')(
        dict(seg_map_path=path, label_colours=PALETTE))['gt_seg_map']
    np.testing.assert_array_equal(gt, naive_decode(rgb, PALETTE))
    assert gt[3, 3] == 255 and gt[0, 0] == 1 and gt[5, 6] == 3
    assert (gt == 2).sum() == 6 * 7 - 6 - 1 - 2


def test_colour_label_without_colours_is_an_error(colour_label):
    path, _ = colour_label
    with pytest.raises(ValueError, match='lbl.tif: colour-coded label, but '
                       'no class colours'):
        LoadRasterAnnotations()(dict(seg_map_path=path))


def test_index_label_reduce_zero_label_and_label_map(tmp_path, tif_writer):
    label = np.array([[0, 1, 2], [3, 255, 1]], np.uint8)
    path = tif_writer(tmp_path / 'idx.tif', label)
    gt = LoadRasterAnnotations()(dict(seg_map_path=path))['gt_seg_map']
    np.testing.assert_array_equal(gt, label)
    gt = LoadRasterAnnotations()(
        dict(seg_map_path=path, reduce_zero_label=True))['gt_seg_map']
    np.testing.assert_array_equal(gt, [[255, 0, 1], [2, 255, 0]])
    gt = LoadRasterAnnotations()(
        dict(seg_map_path=path, label_map={1: 2, 2: 1}))['gt_seg_map']
    np.testing.assert_array_equal(gt, [[0, 2, 1], [3, 255, 2]])


def test_index_label_out_of_range(tmp_path, tif_writer):
    path = tif_writer(tmp_path / 'idx16.tif',
                      np.array([[0, 300]], np.uint16))
    with pytest.raises(ValueError, match='idx16.tif: index label values'):
        LoadRasterAnnotations()(dict(seg_map_path=path))


def test_missing_file(tmp_path):
    missing = str(tmp_path / 'nope.tif')
    with pytest.raises(FileNotFoundError, match='nope.tif: file not found'):
        load(missing)
    with pytest.raises(FileNotFoundError, match='nope.tif: file not found'):
        LoadRasterAnnotations()(dict(seg_map_path=missing))


def test_truncated_geotiff(image, tmp_path):
    path, _ = image
    blob = open(path, 'rb').read()
    truncated = tmp_path / 'truncated.tif'
    truncated.write_bytes(blob[:len(blob) // 2])
    with pytest.raises(OSError, match='truncated.tif: corrupt or truncated'):
        load(str(truncated))


def test_corrupt_file(tmp_path):
    bad = tmp_path / 'garbage.tif'
    bad.write_bytes(b'II*\x00' + b'\x07' * 100)
    with pytest.raises(OSError, match='garbage.tif: not a readable raster'):
        load(str(bad))


def test_image_label_size_mismatch(image, tmp_path, tif_writer):
    path, _ = image
    lbl = tif_writer(tmp_path / 'small_lbl.tif', np.zeros((1, 20, 29),
                                                          np.uint8))
    results = load(path)
    results['seg_map_path'] = lbl
    with pytest.raises(
            ValueError,
            match=r'small_lbl.tif: label size \(20, 29\) differs from the '
            r'image size \(20, 30\) of .*img.tif'):
        LoadRasterAnnotations()(results)


def test_registered_in_both_scopes():
    from mmpretrain.registry import TRANSFORMS as PRETRAIN
    from mmseg.registry import TRANSFORMS as SEG
    for registry in (SEG, PRETRAIN):
        assert registry.get('LoadRasterImageFromFile') is \
            LoadRasterImageFromFile
        assert registry.get('LoadRasterAnnotations') is LoadRasterAnnotations
