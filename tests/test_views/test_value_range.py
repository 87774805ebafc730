"""Where the photometric transforms take white and black from."""
import numpy as np
import pytest

from grsim_mm.datasets.transforms import PairedViews, SpectralJitter
from grsim_mm.datasets.transforms.image_ops import (affine_bands,
                                                    brightness_contrast_params,
                                                    salt_noise,
                                                    value_range_of)


def uint16_image(seed=0, bands=2):
    rng = np.random.default_rng(seed)
    return rng.integers(100, 200, (16, 16, bands), dtype=np.uint16)


def test_per_band_levels():
    lo, hi = value_range_of(np.uint16, [(0, 100), (50, 70000)])
    np.testing.assert_array_equal(lo, [0, 50])
    np.testing.assert_array_equal(hi, [100, 65535])  # saturated to uint16
    with pytest.raises(ValueError, match='one'):
        value_range_of(np.uint16, [(0, 1, 2)])


def test_salt_noise_draws_from_each_bands_range():
    np.random.seed(0)
    img = np.zeros((40, 40, 3), np.uint16)
    out = salt_noise(img, 1., [(0, 10), (1000, 1010), (0, 60000)])
    assert out[..., 0].max() <= 10 and out[..., 0].max() >= 9
    assert 1000 <= out[..., 1].min() and out[..., 1].max() <= 1010
    assert out[..., 2].max() > 50000
    with pytest.raises(ValueError, match='2 .* pairs but the image has 3'):
        salt_noise(img, 1., [(0, 10), (0, 20)])


def test_affine_bands_clips_each_band_to_its_range():
    img = np.full((4, 4, 5), 100, np.uint16)
    levels = [(0, 150), (0, 1000), (0, 150), (0, 150), (0, 90)]
    out = affine_bands(img, np.full(5, 2.), np.zeros(5), levels)
    assert out[0, 0].tolist() == [150, 200, 150, 150, 90]
    lo, hi = value_range_of(np.uint16, levels)
    alpha, beta = brightness_contrast_params(np.full(5, 1.5), np.ones(5),
                                             (lo, hi))
    # half way to each band's own white
    np.testing.assert_allclose(alpha * 100 + beta,
                               [125, 550, 125, 125, 95])


@pytest.mark.parametrize('own,given,white', [
    (None, (0, 300), 300),  # from the sample
    ((0, 250), (0, 300), 250),  # the transform's own wins
    (None, None, None),  # no range for 16-bit data: an error
])
def test_jitter_takes_the_range_from_the_results(own, given, white):
    jitter = SpectralJitter(prob=1., brightness=0.99, contrast=0.,
                            salt_prob=0., value_range=own)
    results = dict(img=uint16_image())
    if given is not None:
        results['value_range'] = given
    np.random.seed(3)
    if white is None:
        with pytest.raises(ValueError, match='uint16 and no value range'):
            jitter(results)
        return
    out = jitter(results)['img']
    np.random.seed(3)  # the same draws: the jitter's coin, then the factors
    np.random.rand()
    brightness = np.random.uniform(0.01, 1.99, 2)
    img = uint16_image().astype(np.float64)
    weight = np.abs(brightness - 1)
    target = np.where(brightness > 1, white, 0)
    expected = np.rint((1 - weight) * img + weight * target)
    np.testing.assert_array_equal(out, expected)


def test_paired_views_hand_the_range_to_each_view():
    jitter = dict(type='SpectralJitter', prob=1., brightness=0.5,
                  contrast=0., salt_prob=0.05)
    views = PairedViews(crop_size=16, num_windows=0,
                        view_transforms=([jitter], [jitter]))
    np.random.seed(0)
    out = views(dict(img=uint16_image(bands=4), value_range=(0, 400)))
    for view in out['img']:
        assert view.max() <= 400
        assert view.max() > 350  # salt reaches white
