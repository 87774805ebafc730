"""Values of the RSISC view and pretext transforms, on 3 and 13 bands."""
import itertools

import cv2
import numpy as np
import pytest
from mmpretrain.registry import TRANSFORMS

from grsim_mm.datasets.transforms import (BandBrightnessContrast,
                                          CentralMask, GreyColourPair,
                                          JigsawTiles, MeanBlur,
                                          RandomMeanGrey, RandomRot90Flip,
                                          RandomScaleAspectCrop,
                                          jigsaw_permutations)


def ramp(h, w, bands, dtype=np.uint16):
    """Every pixel and band distinct."""
    values = np.arange(h * w * bands, dtype=np.float64).reshape(h, w, bands)
    return (values % np.iinfo(dtype).max).astype(dtype)


@pytest.mark.parametrize('bands', [3, 13])
def test_scale_aspect_crop_values(bands):
    img = ramp(40, 30, bands)
    np.random.seed(0)
    t = RandomScaleAspectCrop(size=16, scale=(0.3, 0.6), prob=1.0)
    for _ in range(5):
        out = t(dict(img=img))
        x1, y1, x2, y2 = out['crop_bbox']
        area = (x2 - x1) * (y2 - y1) / (40 * 30)
        assert 0.25 <= area <= 0.65
        assert 3 / 4 - 0.1 <= (x2 - x1) / (y2 - y1) <= 4 / 3 + 0.1
        crop = np.ascontiguousarray(img[y1:y2, x1:x2])
        expected = np.stack([
            cv2.resize(crop[..., b], (16, 16),
                       interpolation=cv2.INTER_LINEAR) for b in range(bands)
        ], -1)
        np.testing.assert_array_equal(out['img'], expected)
        assert out['img'].dtype == np.uint16 and out['img_shape'] == (16,
                                                                      16)


def test_scale_aspect_crop_without_crop_and_fallback():
    img = ramp(20, 20, 3, np.uint8)
    out = RandomScaleAspectCrop(size=(10, 12), prob=0.0)(dict(img=img))
    assert out['crop_bbox'] == (0, 0, 20, 20)
    np.testing.assert_array_equal(
        out['img'], cv2.resize(img, (12, 10), interpolation=cv2.INTER_LINEAR))
    # no crop of the full area has a width/height ratio of 2..3: the
    # fallback is the centred 20 x 10 crop of ratio 2
    out = RandomScaleAspectCrop(size=8, scale=(1.0, 1.0), ratio=(2.0, 3.0),
                                prob=1.0)(dict(img=img))
    assert out['crop_bbox'] == (0, 5, 20, 15)


def test_rot90_flip_values():
    img = ramp(6, 4, 13)
    reference = {
        'horizontal': img[:, ::-1],
        'vertical': img[::-1],
        'diagonal': img[::-1, ::-1],
        None: img
    }
    np.random.seed(1)
    t = RandomRot90Flip(prob=1.0)
    seen = []
    for _ in range(200):
        out = t(dict(img=img))
        expected = np.rot90(reference[out['flip_direction']], out['rot90'])
        np.testing.assert_array_equal(out['img'], expected)
        seen.append((out['flip_direction'], out['rot90']))
    directions = [d for d, _ in seen]
    # none is drawn twice as often as each flip (2 of 5 choices)
    assert 0.3 < directions.count(None) / 200 < 0.5
    assert {k for _, k in seen} == {0, 1, 2, 3}
    out = RandomRot90Flip(prob=0.0)(dict(img=img))
    assert out['img'] is img and out['rot90'] == 0


def test_brightness_contrast_formula(monkeypatch):
    rng = np.random.default_rng(0)
    img = rng.integers(0, 1000, (5, 4, 13)).astype(np.uint16)
    f = np.linspace(0.7, 1.3, 13)
    c = np.linspace(1.3, 0.6, 13)
    t = BandBrightnessContrast(prob=1.0)
    monkeypatch.setattr(t, '_factors', lambda bands: np.stack([f, c]))
    out = t(dict(img=img, value_range=(0, 1100)))['img']
    expected = np.zeros(img.shape)
    for b in range(13):
        x = img[..., b].astype(np.float64) * f[b]
        x = x.mean() + c[b] * (x - x.mean())
        expected[..., b] = np.rint(np.clip(x, 0, 1100))
    np.testing.assert_array_equal(out, expected.astype(np.uint16))
    assert out.max() <= 1100  # the sample's value range is the white level


def test_brightness_contrast_shared_factors_and_prob():
    img = np.full((4, 4, 3), 100, np.uint8)
    img[0, 0] = 50
    np.random.seed(3)
    out = BandBrightnessContrast(prob=1.0, per_band=False)(dict(img=img))
    # one factor for all bands: equal bands stay equal
    assert (out['img'][..., 0] == out['img'][..., 1]).all()
    assert (out['img'][..., 1] == out['img'][..., 2]).all()
    assert not (out['img'] == img).all()
    same = BandBrightnessContrast(prob=0.0)(dict(img=img.copy()))
    np.testing.assert_array_equal(same['img'], img)


@pytest.mark.parametrize('bands', [3, 13])
def test_mean_grey_values(bands):
    img = ramp(3, 3, bands)
    out = RandomMeanGrey(prob=1.0)(dict(img=img))['img']
    mean = np.rint(img.astype(np.float64).mean(2))
    for b in range(bands):
        np.testing.assert_array_equal(out[..., b], mean)
    assert out.dtype == img.dtype


def test_mean_blur_values():
    rng = np.random.default_rng(2)
    img = rng.integers(0, 60000, (7, 8, 13)).astype(np.uint16)
    out = MeanBlur(kernel_size=3, prob=1.0)(dict(img=img))['img']
    for y, x in [(1, 1), (3, 4), (5, 6)]:
        window = img[y - 1:y + 2, x - 1:x + 2].astype(np.float64)
        np.testing.assert_allclose(out[y, x], window.mean((0, 1)), atol=0.5)
    # reflected border (OpenCV's default, no edge repeat)
    corner = img[[1, 0, 1]][:, [1, 0, 1]].astype(np.float64).mean((0, 1))
    np.testing.assert_allclose(out[0, 0], corner, atol=0.5)


def test_central_mask_values():
    out = CentralMask(ratio=0.5)(dict(img=np.zeros((8, 6, 13), np.uint16)))
    expected = np.array([
        [0, 0, 0, 0, 0, 0],
        [0, 0, 0, 0, 0, 0],
        [0, 1, 1, 1, 0, 0],
        [0, 1, 1, 1, 0, 0],
        [0, 1, 1, 1, 0, 0],
        [0, 1, 1, 1, 0, 0],
        [0, 0, 0, 0, 0, 0],
        [0, 0, 0, 0, 0, 0],
    ], np.uint8)
    np.testing.assert_array_equal(out['hole_mask'], expected)
    assert CentralMask(0.5)(dict(img=np.zeros(
        (64, 64, 3))))['hole_mask'].sum() == 32 * 32


def test_grey_colour_pair_values():
    img = np.array([[[10, 20, 61], [0, 0, 3]]], np.uint8)
    grey, colour = GreyColourPair()(dict(img=img))['img']
    np.testing.assert_array_equal(grey, [[[30, 30, 30], [1, 1, 1]]])
    np.testing.assert_array_equal(colour, img)
    grey, _ = GreyColourPair(weights=(0.299, 0.587, 0.114))(dict(
        img=img))['img']
    assert grey[0, 0, 0] == round(0.299 * 10 + 0.587 * 20 + 0.114 * 61)
    ms = ramp(4, 4, 13)
    grey, colour = GreyColourPair()(dict(img=ms))['img']
    assert grey.shape == ms.shape and grey.dtype == np.uint16
    np.testing.assert_array_equal(grey[..., 12], np.rint(ms.mean(2)))


def test_jigsaw_2x2_all_permutations_and_tiles():
    perms = jigsaw_permutations(24, grid=2, cache=False)
    assert sorted(map(tuple, perms)) == sorted(
        itertools.permutations(range(4)))
    # each 75 px cell of a 150 px image holds its index in every band
    img = np.zeros((150, 150, 13), np.uint16)
    for cell in range(4):
        r, c = divmod(cell, 2)
        img[r * 75:(r + 1) * 75, c * 75:(c + 1) * 75] = cell + 1
    t = TRANSFORMS.build(
        dict(type='JigsawTiles', cell_size=75, tile_size=64, out_size=None,
             grid=2, num_permutations=24))
    np.random.seed(0)
    for _ in range(10):
        out = t(dict(img=img))
        tiles, label = out['img'], out['jigsaw_label']
        assert len(tiles) == 4 and tiles[0].shape == (64, 64, 13)
        for position, tile in enumerate(tiles):
            assert (tile == t.permutations[label][position] + 1).all()


def test_jigsaw_3x3_has_1000_distinct_permutations():
    t = JigsawTiles(cell_size=20, tile_size=16, out_size=None)
    perms = t.permutations
    assert perms.shape == (1000, 9)
    assert len({tuple(p) for p in perms}) == 1000
    out = t(dict(img=ramp(60, 60, 3, np.uint8)))
    assert len(out['img']) == 9 and 0 <= out['jigsaw_label'] < 1000


def test_registered():
    for name in ('RandomScaleAspectCrop', 'RandomRot90Flip',
                 'BandBrightnessContrast', 'RandomMeanGrey', 'MeanBlur',
                 'CentralMask', 'GreyColourPair'):
        assert TRANSFORMS.get(name) is not None, name
