"""The reference's HSV step on the R, G, B bands against Python's colorsys,
and as the view-2 option of PairedViews."""
import colorsys

import numpy as np
import pytest
from mmengine.registry import DefaultScope

from grsim_mm.datasets.transforms import PairedViews, RGBHSVJitter


def _hand_hsv(img, rgb_bands, lo, hi, k, s, v):
    """The shift pixel by pixel in float64 with colorsys: hue by 2k
    degrees (wrapping), saturation and value by s / 255 and v / 255 of the
    range, saturating; then back to the band's levels."""
    out = img.astype(np.float64).copy()
    for y in range(img.shape[0]):
        for x in range(img.shape[1]):
            rgb = [(img[y, x, b] - lo) / (hi - lo) for b in rgb_bands]
            h, sat, val = colorsys.rgb_to_hsv(*rgb)
            h = (h + 2 * k / 360) % 1
            sat = min(max(sat + s / 255, 0), 1)
            val = min(max(val + v / 255, 0), 1)
            for b, c in zip(rgb_bands, colorsys.hsv_to_rgb(h, sat, val)):
                out[y, x, b] = c * (hi - lo) + lo
    return out


def _jitter(img, shifts, **kwargs):
    t = RGBHSVJitter(prob=1, **kwargs)
    t._random_shifts = lambda: shifts
    return t


@pytest.mark.parametrize('dtype, lo, hi, shifts', [
    (np.uint8, 0, 255, (-30, 4.2, -11.5)),
    (np.uint16, 0, 4000, (17, -3.0, 14.0)),
    (np.float32, -1.0, 1.0, (29, 5.0, 15.0)),
])
def test_shift_matches_colorsys_and_leaves_the_other_bands(dtype, lo, hi,
                                                          shifts):
    """NIR, B, R, G, SWIR bands: the named RGB bands (2, 3, 1) are shifted,
    NIR and SWIR come out bit for bit."""
    rng = np.random.default_rng(0)
    img = rng.uniform(lo, hi, (6, 7, 5)).astype(dtype)
    names = ('NIR', 'B', 'R', 'G', 'SWIR')
    out = _jitter(img, shifts)(dict(img=img, band_names=names,
                                    value_range=(lo, hi)))['img']
    expected = _hand_hsv(img, (2, 3, 1), lo, hi, *shifts)
    assert out.dtype == img.dtype
    tol = 1 if np.issubdtype(dtype, np.integer) else 1e-5 * (hi - lo)
    np.testing.assert_allclose(out.astype(np.float64), expected, atol=tol)
    np.testing.assert_array_equal(out[..., [0, 4]], img[..., [0, 4]])
    assert np.abs(out.astype(np.float64) - img).max() > 10 * tol


def test_per_band_ranges_and_explicit_bands():
    rng = np.random.default_rng(1)
    img = rng.integers(0, 1000, (4, 4, 4)).astype(np.uint16)
    ranges = [(0, 1000), (0, 2000), (0, 1000), (0, 65535)]
    out = _jitter(img, (10, 0.0, 0.0), rgb_bands=(0, 1, 2),
                  value_range=ranges)(dict(img=img))['img']
    # per-band scale: G in 2000ths. A hue turn keeps the max and min levels
    scaled = img[..., :3] / np.array([1000, 2000, 1000])
    got = out[..., :3] / np.array([1000, 2000, 1000])
    np.testing.assert_allclose(got.max(-1), scaled.max(-1), atol=1e-3)
    np.testing.assert_allclose(got.min(-1), scaled.min(-1), atol=1e-3)
    np.testing.assert_array_equal(out[..., 3], img[..., 3])


def test_probability_and_draws():
    np.random.seed(0)
    t = RGBHSVJitter()
    draws = [t._random_shifts() for _ in range(2000)]
    drawn = np.array([d for d in draws if d is not None])
    assert 900 < len(drawn) < 1100
    assert set(drawn[:, 0]) == set(range(-30, 31))
    assert np.abs(drawn[:, 1]).max() <= 5 and np.abs(drawn[:, 2]).max() <= 15
    img = np.ones((2, 2, 3), np.uint8)
    assert RGBHSVJitter(prob=0)(dict(img=img))['img'] is img


def test_unknown_rgb_bands_are_an_error():
    img = np.zeros((2, 2, 3), np.uint8)
    with pytest.raises(ValueError, match='band_names'):
        _jitter(img, (1, 1., 1.))(dict(img=img))
    with pytest.raises(ValueError, match='blue'):
        _jitter(img, (1, 1., 1.))(dict(img=img,
                                       band_names=('NIR', 'R', 'G')))
    with pytest.raises(ValueError, match='do not exist'):
        _jitter(img, (1, 1., 1.), rgb_bands=(0, 1, 5))(dict(img=img))


def test_paired_views_hand_band_names_to_the_view_pipelines():
    """The view-2 option: the HSV step inside the reference's p=0.8 colour
    gate, R, G, B named by the dataset; view 1 and NIR untouched."""
    view2 = [dict(type='RandomApply', prob=1.0, transforms=[
        dict(type='RGBHSVJitter', prob=1.0, hue=30, saturation=5,
             value=15)])]
    with DefaultScope.overwrite_default_scope('mmpretrain'):
        t = PairedViews(crop_size=16, num_windows=0, scale=(1, 1),
                        ratio=(1, 1), geometric_views=(),
                        view_transforms=([], view2))
    rng = np.random.default_rng(2)
    img = rng.integers(0, 255, (16, 16, 4)).astype(np.uint8)
    np.random.seed(3)
    out = t(dict(img=img, band_names=('R', 'G', 'B', 'NIR'),
                 value_range=(0, 255)))
    first, second = out['img']
    np.testing.assert_array_equal(first, img)
    np.testing.assert_array_equal(second[..., 3], img[..., 3])
    assert np.abs(second[..., :3].astype(int) - img[..., :3]).max() > 0


def test_reference_view_transforms_of_the_settings(repo_root):
    """The option as the settings offer it, on a Potsdam-like tile: the
    reference's gate of 0.8 over HSV (p 0.5) and the +-10 % jitter."""
    import os.path as osp

    from mmengine.config import Config
    cfg = Config.fromfile(osp.join(repo_root, 'configs', '_base_', 'datasets',
                                   'potsdam-rgbir_pretrain.py'))
    view1, view2 = cfg.reference_view_transforms
    assert view1 == [] and view2[0].type == 'RandomApply'
    assert view2[0].prob == 0.8
    assert [(t.type, t.prob) for t in view2[0].transforms] == [
        ('RGBHSVJitter', 0.5), ('SpectralJitter', 1.0)]
    with DefaultScope.overwrite_default_scope('mmpretrain'):
        t = PairedViews(crop_size=16, num_windows=0,
                        view_transforms=cfg.reference_view_transforms)
    rng = np.random.default_rng(4)
    img = rng.integers(0, 255, (24, 24, 4)).astype(np.uint8)
    np.random.seed(0)
    for _ in range(5):
        first, second = t(dict(img=img, band_names=cfg.band_names,
                               value_range=cfg.value_range))['img']
        assert first.shape == second.shape == (16, 16, 4)
