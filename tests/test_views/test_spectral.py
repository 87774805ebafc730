"""Band-agnostic photometric transforms and RandomRot90."""
import numpy as np
import pytest

from grsim_mm.datasets.transforms.geometric import RandomRot90
from grsim_mm.datasets.transforms.image_ops import (
    affine_bands, brightness_contrast_params, salt_noise, value_range_of)
from grsim_mm.datasets.transforms.photometric import (
    RandomGaussianBlur, RandomGrey, SpectralJitter)

BAND_COUNTS = [1, 3, 4, 10, 13]
DTYPES = [np.uint8, np.uint16, np.float32]


def random_image(channels, dtype, shape=(24, 20), seed=0):
    rng = np.random.default_rng(seed)
    lo, hi = value_range_of(dtype)
    img = rng.uniform(lo, hi, shape + (channels, ))
    return img.astype(dtype)


def test_value_range():
    assert value_range_of(np.uint8) == (0, 255)
    assert value_range_of(np.uint16) == (0, 65535)
    assert value_range_of(np.int16) == (-32768, 32767)
    assert value_range_of(np.float32) == (0, 1)
    assert value_range_of(np.uint16, (0, 10000)) == (0, 10000)
    assert value_range_of(np.uint8, (-5, 300)) == (0, 255)
    with pytest.raises(ValueError):
        value_range_of(np.uint8, (10, 10))


def test_brightness_contrast_by_hand():
    # f = 1.1 blends 10% toward white, f = 0.95 5% toward black, then the
    # contrast factor scales: reference formula with black = 0.
    alpha, beta = brightness_contrast_params(
        np.array([1.1, 0.95]), np.array([0.9, 1.05]), (0., 255.))
    np.testing.assert_allclose(alpha, [0.9 * 0.9, 1.05 * 0.95])
    np.testing.assert_allclose(beta, [0.9 * 0.1 * 255, 0.])
    # With a black level the contrast pivots on it.
    alpha, beta = brightness_contrast_params(
        np.array([1.0]), np.array([2.0]), (100., 200.))
    assert 150 * alpha[0] + beta[0] == pytest.approx(100 + 2 * 50)


@pytest.mark.parametrize('channels', BAND_COUNTS)
@pytest.mark.parametrize('dtype', DTYPES + [np.int16, np.float64])
def test_affine_bands_matches_numpy(channels, dtype):
    img = random_image(channels, dtype, seed=channels)
    rng = np.random.default_rng(1)
    alpha = rng.uniform(0.5, 1.5, channels)
    lo, hi = value_range_of(dtype)
    beta = rng.uniform(-0.2, 0.2, channels) * (hi - lo)
    out = affine_bands(img, alpha, beta)
    assert out.dtype == img.dtype and out.shape == img.shape
    expected = np.clip(img.astype(np.float64) * alpha + beta, lo, hi)
    if np.issubdtype(dtype, np.integer):
        # Rounded to the nearest level; cv2.transform computes 16-bit data
        # in float32, which adds up to ~0.004 at 65535.
        assert np.abs(out - expected).max() <= (0.5 + 1e-9 if dtype == np.uint8
                                                else 0.51)
        assert out.min() >= lo and out.max() <= hi
    else:
        np.testing.assert_allclose(out, expected, rtol=1e-5, atol=1e-6)


def test_affine_bands_clips_to_value_range():
    img = np.array([[[100, 9000, 60000]]], dtype=np.uint16)
    out = affine_bands(img, [1., 1.2, 1.], [0., 0., 0.], (0, 10000))
    np.testing.assert_array_equal(out, [[[100, 10000, 10000]]])
    img = np.array([[0.2, 0.9]], dtype=np.float32)
    out = affine_bands(img, [1.5], [0.])
    assert out.shape == (1, 2)
    np.testing.assert_allclose(out, [[0.3, 1.0]])


@pytest.mark.parametrize('channels', BAND_COUNTS)
@pytest.mark.parametrize('dtype', DTYPES)
def test_jitter_is_per_band_blend_and_scale(channels, dtype):
    # Recover each band's affine map from the output and check it is one of
    # the reference's: c * (1 - w) * x + c * w * white, w <= 0.1, c in
    # [0.9, 1.1]. Inputs stay in the middle of the range to avoid clipping.
    lo, hi = value_range_of(dtype)
    img = random_image(channels, dtype, seed=3)
    img = lo + 0.3 * (hi - lo) + 0.4 * (img.astype(np.float64) - lo)
    img = img.astype(dtype)
    np.random.seed(channels)
    out = SpectralJitter(prob=1., salt_prob=0., value_range=(lo, hi))(
        dict(img=img))['img']
    assert out.dtype == dtype and out.shape == img.shape
    x = img.reshape(-1, channels).astype(np.float64)
    y = out.reshape(-1, channels).astype(np.float64)
    # Rounding to integer levels blurs the recovered factors a little.
    tol = {np.uint8: 2e-2, np.uint16: 1e-4, np.float32: 1e-5}[dtype]
    for b in range(channels):
        alpha, beta = np.polyfit(x[:, b], y[:, b], 1)
        level = 0. if dtype == np.float32 else 1.
        np.testing.assert_allclose(alpha * x[:, b] + beta, y[:, b],
                                   atol=level + 1e-4)
        assert not np.allclose(y[:, b], x[:, b])
        if beta / hi > tol:
            # Toward white: beta = c * w * white, alpha = c * (1 - w).
            contrast = alpha + beta / hi
            weight = beta / hi / contrast
            assert 0.9 - tol <= contrast <= 1.1 + tol
            assert 0 <= weight <= 0.1 + tol
        else:
            # Toward black (0): alpha = c * (1 - w) only.
            assert abs(beta) <= tol * hi
            assert 0.81 - tol <= alpha <= 1.1 + tol


@pytest.mark.parametrize('dtype', DTYPES)
def test_jitter_probability_and_bands(dtype):
    img = random_image(4, dtype)
    levels = value_range_of(dtype)
    np.random.seed(0)
    same = SpectralJitter(prob=0.)(dict(img=img.copy()))['img']
    np.testing.assert_array_equal(same, img)
    # Only band 3 jitters, as in the reference's fine-tuning.
    np.random.seed(0)
    out = SpectralJitter(prob=1., bands=[3], salt_prob=0.)(
        dict(img=img.copy(), value_range=levels))['img']
    np.testing.assert_array_equal(out[..., :3], img[..., :3])
    assert not np.array_equal(out[..., 3], img[..., 3])


def test_jitter_saturates_integers():
    img = np.full((8, 8, 2), 250, dtype=np.uint8)
    np.random.seed(0)
    out = SpectralJitter(prob=1., brightness=0., contrast=0.5, salt_prob=0.)
    results = [out(dict(img=img.copy()))['img'] for _ in range(20)]
    maxima = [r.max() for r in results]
    assert max(maxima) == 255 and all(r.dtype == np.uint8 for r in results)


@pytest.mark.parametrize('dtype', DTYPES)
def test_salt_noise_rate_and_values(dtype):
    img = np.zeros((200, 100, 4), dtype=dtype)
    np.random.seed(0)
    out = salt_noise(img, 0.01, bands=[1, 2])
    assert out.dtype == dtype and not np.shares_memory(out, img)
    assert (img == 0).all()
    hits = out != 0
    assert not hits[..., [0, 3]].any()
    # 40000 draws at p = 0.01: mean 400, sd ~20 (a few zero values may be
    # drawn for integers, which only lowers the count a little).
    assert 320 < hits.sum() < 480
    lo, hi = value_range_of(dtype)
    assert out.max() <= hi and out.min() >= lo
    if dtype == np.uint8:
        # Uniform over 0..255: the mean of the drawn values is near 127.5.
        assert 110 < out[hits].astype(float).mean() < 145
    full = salt_noise(np.zeros((5, 5, 2), dtype), 1.0, value_range=(0, 1))
    assert full.max() <= 1


def test_grey():
    img = random_image(5, np.uint16)
    np.random.seed(0)
    same = RandomGrey(prob=0.)(dict(img=img))['img']
    np.testing.assert_array_equal(same, img)
    out = RandomGrey(prob=1.)(dict(img=img))['img']
    band = [b for b in range(5) if np.array_equal(out[..., 0], img[..., b])]
    assert len(band) == 1
    np.testing.assert_array_equal(out, np.repeat(img[..., band], 5, axis=2))


def gaussian_reference(band, kernel_size):
    """Separable blur with OpenCV's kernels for sigma=0 (its binomial
    tables up to size 7) and reflect-101 border, in numpy only."""
    k = {3: [1, 2, 1], 5: [1, 4, 6, 4, 1], 7: [1, 3.5, 7, 9, 7, 3.5, 1]}
    k = np.array(k[kernel_size], dtype=np.float64)
    k /= k.sum()
    r = kernel_size // 2
    padded = np.pad(band.astype(np.float64), r, mode='reflect')
    rows = sum(k[i] * padded[:, i:i + band.shape[1]] for i in range(2 * r + 1))
    return sum(k[i] * rows[i:i + band.shape[0]] for i in range(2 * r + 1))


@pytest.mark.parametrize('channels', [1, 4, 13])
def test_blur_matches_gaussian(channels):
    img = random_image(channels, np.float32)
    np.testing.assert_array_equal(
        RandomGaussianBlur(prob=0.)(dict(img=img))['img'], img)
    for k in (3, 5, 7):
        out = RandomGaussianBlur(prob=1., kernel_sizes=(k, ))(
            dict(img=img))['img']
        assert out.shape == img.shape and out.dtype == img.dtype
        for b in range(channels):
            np.testing.assert_allclose(out[..., b],
                                       gaussian_reference(img[..., b], k),
                                       atol=1e-5)
    with pytest.raises(ValueError):
        RandomGaussianBlur(kernel_sizes=(4, ))


def test_blur_keeps_integer_dtype():
    img = random_image(10, np.uint8)
    out = RandomGaussianBlur(prob=1., kernel_sizes=(5, ))(dict(img=img))['img']
    assert out.dtype == np.uint8
    ref = gaussian_reference(img[..., 7].astype(np.float64), 5)
    assert np.abs(out[..., 7] - ref).max() <= 1


@pytest.mark.parametrize('channels', [1, 4, 10, 13])
def test_rot90(channels):
    img = random_image(channels, np.uint8)
    seg = np.arange(24 * 20, dtype=np.uint8).reshape(24, 20)
    results = RandomRot90(prob=1., choices=(1, ))(
        dict(img=img, gt_seg_map=seg, seg_fields=['gt_seg_map']))
    np.testing.assert_array_equal(results['img'], np.rot90(img))
    np.testing.assert_array_equal(results['gt_seg_map'], np.rot90(seg))
    assert results['img_shape'] == (20, 24) and results['rot90'] == 1
    results = RandomRot90(prob=0.)(dict(img=img, gt_seg_map=seg))
    np.testing.assert_array_equal(results['img'], img)
    assert results['rot90'] == 0
    # Default: k uniform over 0..3.
    np.random.seed(0)
    ks = [RandomRot90()(dict(img=img))['rot90'] for _ in range(400)]
    assert set(ks) == {0, 1, 2, 3}
    assert min(np.bincount(ks)) > 70


def test_seeded_runs_repeat():
    img = random_image(4, np.uint8, shape=(64, 64))
    pipeline = [SpectralJitter(prob=1.), RandomGrey(prob=0.5),
                RandomGaussianBlur(prob=0.5)]

    def run(seed):
        np.random.seed(seed)
        out = []
        for _ in range(5):
            results = dict(img=img.copy())
            for t in pipeline:
                results = t(results)
            out.append(results['img'])
        return np.stack(out)

    np.testing.assert_array_equal(run(3), run(3))
    assert not np.array_equal(run(3), run(4))
