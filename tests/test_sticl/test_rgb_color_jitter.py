"""RGBColorJitter: torchvision's colour jitter of 8-bit R, G, B images."""
import numpy as np
import pytest

from grsim_mm.datasets.transforms.photometric import RGBColorJitter


def _image(seed=0):
    return np.random.default_rng(seed).integers(0, 256, (9, 7, 3), np.uint8)


def test_brightness_alone_scales_and_truncates():
    img = _image()
    np.random.seed(3)
    out = RGBColorJitter(brightness=0.4)(dict(img=img.copy()))['img']
    np.random.seed(3)
    np.random.rand()  # the probability draw
    np.random.permutation(4)
    factor = np.random.uniform(0.6, 1.4)
    # torchvision blends with black: factor * x, clamped, truncated
    expected = np.clip(img.astype(np.float64) * factor, 0, 255).astype(
        np.uint8)
    assert np.abs(out.astype(int) - expected.astype(int)).max() <= 1
    assert out.dtype == np.uint8 and out.shape == img.shape


def test_hue_turns_colours_and_keeps_grey():
    img = _image()
    img[0, 0] = (128, 128, 128)
    out = RGBColorJitter(hue=0.5)(dict(img=img.copy()))['img']
    assert tuple(out[0, 0]) == (128, 128, 128)  # no hue to turn
    assert not np.array_equal(out, img)
    # negative hue factors (which break mmcv's adjust_hue on NumPy 2) work
    for seed in range(8):
        np.random.seed(seed)
        RGBColorJitter(hue=0.4)(dict(img=img.copy()))


def test_probability_and_zero_ranges_leave_the_image():
    img = _image()
    out = RGBColorJitter(0.4, 0.4, 0.4, 0.4, prob=0.)(dict(img=img.copy()))
    assert np.array_equal(out['img'], img)
    out = RGBColorJitter()(dict(img=img.copy()))
    assert np.array_equal(out['img'], img)
    np.random.seed(0)
    hits = sum(not np.array_equal(
        RGBColorJitter(brightness=0.4, prob=0.8)(dict(img=img.copy()))['img'],
        img) for _ in range(400))
    assert abs(hits / 400 - 0.8) < 0.06


def test_refuses_other_data():
    with pytest.raises(ValueError, match='BandBrightnessContrast'):
        RGBColorJitter(brightness=0.4)(
            dict(img=np.zeros((4, 4, 13), np.uint16), img_path='x.tif'))
    with pytest.raises(ValueError, match='hue'):
        RGBColorJitter(hue=0.6)
