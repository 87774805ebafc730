"""Band-agnostic DINO views: sigma blur, range solarisation, multi-crop."""
import numpy as np
import pytest
import torch
from mmcv.transforms import Compose
from mmengine.dataset import default_collate
from mmengine.registry import init_default_scope
from PIL import Image, ImageOps

import grsim_mm  # noqa: F401
from grsim_mm.datasets.transforms import RandomSigmaBlur, RangeSolarize
from last_tiny import (GLOBAL_SIZE, LOCAL_SIZE, build_last, multicrop_pipeline,
                       set_max_iters)


def impulse_sigma(img):
    """Standard deviation of a blurred centred impulse, along x."""
    profile = img.sum(0).astype(np.float64)
    x = np.arange(profile.size) - profile.size // 2
    return float(np.sqrt((profile * x**2).sum() / profile.sum()))


def test_blur_sigma_is_drawn_at_every_call():
    img = np.zeros((61, 61, 2), np.float32)
    img[30, 30] = (1., 2.)
    blur = RandomSigmaBlur(prob=0.7, sigma_range=(1., 2.5))
    np.random.seed(3)
    draws = []
    for _ in range(4):  # the transform's draws, replayed
        applied = np.random.rand() < 0.7
        draws.append(np.random.uniform(1., 2.5) if applied else None)
    assert None in draws and len(draws) - draws.count(None) >= 2
    np.random.seed(3)
    for sigma in draws:
        out = blur(dict(img=img.copy()))['img']
        if sigma is None:
            assert np.array_equal(out, img)
            continue
        assert impulse_sigma(out[..., 0]) == pytest.approx(sigma, rel=5e-3)
        np.testing.assert_allclose(out[..., 1], 2 * out[..., 0], rtol=1e-6)
    applied = [s for s in draws if s is not None]
    assert len(set(applied)) == len(applied)


def test_blur_is_per_band_for_any_band_count():
    rng = np.random.default_rng(0)
    img = rng.integers(0, 10000, (24, 24, 13)).astype(np.uint16)
    out = RandomSigmaBlur(prob=1., sigma_range=(1.5, 1.5))(
        dict(img=img.copy()))['img']
    assert out.shape == img.shape and out.dtype == np.uint16
    single = RandomSigmaBlur(prob=1., sigma_range=(1.5, 1.5))
    for band in (0, 7, 12):
        alone = single(dict(img=img[..., band:band + 1].copy()))['img']
        assert alone.shape == (24, 24, 1)
        np.testing.assert_array_equal(out[..., band], alone[..., 0])
    assert out.std() < img.std() / 2
    with pytest.raises(ValueError, match='to_float32'):
        single(dict(img=img.astype(np.int32)))


def test_solarize_matches_pil_on_8_bit():
    rng = np.random.default_rng(0)
    img = rng.integers(0, 256, (16, 16, 3)).astype(np.uint8)
    img[0, :3] = [127, 128, 255]
    out = RangeSolarize(prob=1.)(dict(img=img.copy()))['img']
    expected = np.asarray(ImageOps.solarize(Image.fromarray(img), 128))
    np.testing.assert_array_equal(out, expected)


def test_solarize_on_the_value_range():
    img = np.array([[[0], [4999], [5000], [7000], [10000], [12000]]],
                   np.uint16)
    results = dict(img=img.copy(), value_range=(0, 10000))
    out = RangeSolarize(prob=1.)(results)['img']
    assert out[0, :, 0].tolist() == [0, 4999, 5000, 3000, 0, 0]
    # an explicit range wins over the sample's
    out = RangeSolarize(prob=1., threshold=0.25, value_range=(0, 1000))(
        dict(img=np.array([[[100], [300]]], np.uint16),
             value_range=(0, 10000)))['img']
    assert out[0, :, 0].tolist() == [100, 700]
    floats = np.array([[[-1.], [-0.5], [0.25], [1.]]], np.float32)
    out = RangeSolarize(prob=1., value_range=(-1, 1))(dict(img=floats))
    np.testing.assert_allclose(out['img'][0, :, 0], [-1., -0.5, -0.25, -1.])
    with pytest.raises(ValueError, match='a.tif.*value_range'):
        RangeSolarize(prob=1.)(dict(img=img, img_path='a.tif'))
    assert RangeSolarize(prob=0.)(dict(img=img))['img'] is img


@pytest.mark.parametrize('num_bands,dtype,value_range', [
    (4, np.uint16, (0, 10000)), (13, np.float32, (0., 1.))
])
def test_multicrop_views_of_any_band_count(num_bands, dtype, value_range):
    np.random.seed(0)
    rng = np.random.default_rng(0)
    hi = value_range[1]
    img = (rng.random((48, 40, num_bands)) * hi).astype(dtype)
    init_default_scope('mmpretrain')
    pipeline = Compose([
        multicrop_pipeline(value_range, num_local=3),
        dict(type='PackInputs')
    ])
    packed = pipeline(dict(img=img, value_range=value_range))
    views = packed['inputs']
    assert [tuple(v.shape) for v in views] == (
        [(num_bands, GLOBAL_SIZE, GLOBAL_SIZE)] * 2 +
        [(num_bands, LOCAL_SIZE, LOCAL_SIZE)] * 3)
    for view in views:
        values = view.numpy()
        assert values.dtype == dtype
        if dtype == np.uint16:  # OpenCV saturates integer resampling
            assert values.min() >= 0 and values.max() <= hi
        else:  # float bicubic resampling may overshoot a little
            assert np.isfinite(values).all()
            assert values.min() >= -0.25 * hi and values.max() <= 1.25 * hi
    # the views differ from one another (random crops and photometry)
    assert not torch.equal(views[0], views[1])
    assert not torch.equal(views[2], views[3])


def test_multicrop_batch_feeds_last():
    set_max_iters(10)
    np.random.seed(0)
    rng = np.random.default_rng(1)
    init_default_scope('mmpretrain')
    pipeline = Compose([
        multicrop_pipeline((0, 10000), num_local=2),
        dict(type='PackInputs')
    ])
    samples = [
        pipeline(dict(img=rng.integers(0, 10000, (40, 40, 4)).astype(
            np.uint16), value_range=(0, 10000))) for _ in range(3)
    ]
    model = build_last()
    data = model.data_preprocessor(default_collate(samples), training=True)
    assert [tuple(v.shape) for v in data['inputs']] == (
        [(3, 4, GLOBAL_SIZE, GLOBAL_SIZE)] * 2 +
        [(3, 4, LOCAL_SIZE, LOCAL_SIZE)] * 2)
    # uint16 views arrive as floats of the same values (mean 0, std 1)
    for i, view in enumerate(data['inputs']):
        raw = torch.stack([s['inputs'][i] for s in samples])
        assert raw.dtype == torch.uint16
        assert torch.equal(view, raw.float())
    losses = model.loss(data['inputs'], data['data_samples'])
    assert torch.isfinite(losses['loss']) and losses['loss'] > 0
