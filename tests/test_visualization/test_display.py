"""The display picture of multispectral images: band choice and stretch."""
import numpy as np
import pytest

from grsim_mm.visualization import display_bands, display_rgb, stretch_band

S2_LIKE = ('coastal', 'blue', 'green', 'red', 're1', 're2', 're3', 'nir',
           'nir2', 'vapour', 'cirrus', 'swir1', 'swir2')


def test_stretch_maps_the_percentiles_to_0_and_255():
    rng = np.random.default_rng(0)
    band = rng.integers(200, 4500, (40, 50)).astype(np.uint16)
    lo, hi = np.percentile(band, (2, 98))
    out = stretch_band(band)
    assert out.dtype == np.uint8
    # pixels at or beyond the percentiles saturate, the rest scale linearly
    assert (out[band <= lo] == 0).all() and (out[band >= hi] == 255).all()
    inside = (band > lo) & (band < hi)
    expected = np.round((band[inside] - lo) * 255 / (hi - lo))
    np.testing.assert_array_equal(out[inside], expected)
    # a value exactly at a percentile: 0 and 255
    exact = np.arange(101, dtype=np.float32)
    out = stretch_band(exact)
    assert out[2] == 0 and out[98] == 255 and out[50] == 128


def test_nodata_and_nan_stay_out_of_the_stretch():
    band = np.full((10, 10), 1000.0)
    band[:, 5:] = 3000.0
    band[0, 0] = np.nan
    valid = np.ones((10, 10), bool)
    valid[:, :2] = False
    band[:, :2] = 0  # nodata: would pull the low percentile to 0
    out = stretch_band(band, (0, 100), valid)
    assert (out[:, :2] == 0).all() and out[0, 0] == 0
    assert (out[1:, 2:5] == 0).all() and (out[:, 5:] == 255).all()
    # the mask may only set the contrast: masked pixels are then stretched
    shown = stretch_band(band, (0, 100), valid, blank_invalid=False)
    assert (shown[:, :2] == 0).all()  # 0 is below the valid 1000
    np.testing.assert_array_equal(shown[1:, 2:], out[1:, 2:])
    band[:, :2] = 5000.0  # above the valid range: white, not black
    assert (stretch_band(band, (0, 100), valid,
                         blank_invalid=False)[1:, :2] == 255).all()
    # a band constant over its valid pixels: black, white above
    assert (stretch_band(np.full((3, 3), 7), (2, 98)) == 0).all()


def test_float_and_uint8_bands_use_their_own_range():
    rng = np.random.default_rng(1)
    refl = rng.uniform(0.01, 0.3, (16, 16)).astype(np.float32)
    np.testing.assert_array_equal(stretch_band(refl, (0, 100)),
                                  stretch_band(refl * 10000, (0, 100)))


@pytest.mark.parametrize('names,expected', [
    (S2_LIKE, (3, 2, 1)),
    (('R', 'G', 'B', 'NIR'), (0, 1, 2)),
    (('nir', 'Red', 'green', 'Blue'), (1, 2, 3)),
    (('B01', 'B02', 'B03', 'B04'), (0, 1, 2)),  # not named: first three
    (None, (0, 1, 2)),
])
def test_bands_by_name(names, expected):
    num_bands = len(names) if names else 5
    assert display_bands(num_bands, names) == expected


def test_explicit_triple_grey_and_errors():
    assert display_bands(13, S2_LIKE, rgb_bands=(7, 3, 2)) == (7, 3, 2)
    assert display_bands(1) == (0, 0, 0)
    assert display_bands(2, ('vv', 'vh')) == (0, 0, 0)
    with pytest.raises(ValueError, match='three 0-based band indices'):
        display_bands(4, rgb_bands=(0, 1, 4))
    with pytest.raises(ValueError, match='3 band_names'):
        display_bands(4, ('R', 'G', 'B'))
    with pytest.raises(ValueError, match='name red twice'):
        display_bands(4, ('R', 'red', 'G', 'B'))


def test_display_rgb_of_a_13_band_uint16_tile():
    rng = np.random.default_rng(2)
    img = rng.integers(1, 4500, (20, 24, 13)).astype(np.uint16)
    img[:4, :4] = 0
    valid = (img != 0).any(-1)
    rgb = display_rgb(img, S2_LIKE, valid=valid)
    assert rgb.shape == (20, 24, 3) and rgb.dtype == np.uint8
    for channel, band in enumerate((3, 2, 1)):
        np.testing.assert_array_equal(
            rgb[..., channel], stretch_band(img[..., band], valid=valid))
    assert (rgb[:4, :4] == 0).all()
    grey = display_rgb(img[..., :1])
    assert (grey[..., 0] == grey[..., 2]).all()
