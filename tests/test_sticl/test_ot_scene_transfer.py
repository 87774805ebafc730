"""OTSceneTransfer against a direct float64 implementation and against the
released algorithm (POT's EMDTransport)."""
import itertools

import numpy as np
import pytest
from mmpretrain.registry import TRANSFORMS

import grsim_mm  # noqa: F401  (registers the transform)
from grsim_mm.datasets.transforms import OTSceneTransfer


def direct_transfer(img, other, n, seed, low, high):
    """Float64 reference: brute-force optimal permutation, pixel-by-pixel
    nearest sample (first index on ties), shift, clip."""
    bands = img.shape[2]
    x = img.reshape(-1, bands).astype(np.float64)
    y = other.reshape(-1, bands).astype(np.float64)
    rs = np.random.RandomState(seed)
    xs = x[rs.randint(len(x), size=n)]
    xt = y[rs.randint(len(y), size=n)]
    costs = {}
    for perm in itertools.permutations(range(n)):
        costs[perm] = sum(((xs[i] - xt[perm[i]])**2).sum() for i in range(n))
    best = min(costs, key=costs.get)
    assert sorted(costs.values())[1] > costs[best]  # unique optimum
    out = np.empty_like(x)
    ties = 0
    for p, px in enumerate(x):
        d = [((px - s)**2).sum() for s in xs]
        i = int(np.argmin(d))
        ties += sum(v == d[i] for v in d) > 1
        out[p] = np.clip(px + xt[best[i]] - xs[i], low, high)
    return out.reshape(img.shape), ties


def call(transform, img, other, **extra):
    return transform(dict(img=img.copy(), scene_transfer_img=other,
                          **extra))['img']


@pytest.mark.parametrize('solver', ['emd', 'lsa'])
def test_equals_direct_float64_implementation(solver):
    rng = np.random.default_rng(0)
    img = rng.integers(0, 6, (7, 6, 3)).astype(np.uint8)
    other = rng.integers(100, 255, (5, 9, 3)).astype(np.uint8)
    seed = 11
    ref, ties = direct_transfer(img, other, 6, seed, 0, 255)
    assert ties > 0  # the nearest-sample tie rule is exercised
    t = OTSceneTransfer(prob=1.0,
                        num_samples=6,
                        solver=solver,
                        fixed_seed=seed)
    out = call(t, img, other)
    assert out.dtype == np.uint8 and out.shape == img.shape
    np.testing.assert_array_equal(out, ref.astype(np.uint8))


def test_thirteen_bands_uint16():
    rng = np.random.default_rng(1)
    img = rng.integers(0, 4000, (8, 8, 13)).astype(np.uint16)
    other = rng.integers(2000, 9000, (6, 6, 13)).astype(np.uint16)
    ref, _ = direct_transfer(img, other, 6, 4, 0, 10000)
    t = OTSceneTransfer(prob=1.0,
                        num_samples=6,
                        fixed_seed=4,
                        value_range=(0, 10000))
    out = call(t, img, other)
    assert out.dtype == np.uint16 and out.shape == img.shape
    np.testing.assert_array_equal(out, ref.astype(np.uint16))
    # the full-size default: 1000 samples of a 13-band float scene
    img = rng.random((32, 32, 13)).astype(np.float32)
    other = (rng.random((40, 24, 13)) * 0.5 + 0.5).astype(np.float32)
    out = call(OTSceneTransfer(prob=1.0), img, other, value_range=(0., 1.))
    assert out.dtype == np.float32 and out.shape == img.shape
    assert out.min() >= 0.0 and out.max() <= 1.0
    # the colours moved towards the other scene
    assert abs(out.mean() - other.mean()) < 0.05 < abs(img.mean() -
                                                       other.mean())


def test_per_band_value_range_clips_each_band():
    img = np.full((4, 4, 2), 10, np.uint16)
    other = np.full((4, 4, 2), 900, np.uint16)
    t = OTSceneTransfer(prob=1.0,
                        num_samples=5,
                        value_range=[(0, 500), (0, 1000)])
    out = call(t, img, other)
    assert (out[..., 0] == 500).all() and (out[..., 1] == 900).all()


def test_prob_and_random_state():
    rng = np.random.default_rng(2)
    img = rng.integers(0, 120, (16, 16, 3)).astype(np.uint8)
    other = rng.integers(100, 255, (16, 16, 3)).astype(np.uint8)
    never = OTSceneTransfer(prob=0.0, num_samples=50)
    results = never(dict(img=img.copy(), scene_transfer_img=other))
    assert 'scene_transfer_img' not in results
    np.testing.assert_array_equal(results['img'], img)
    always = OTSceneTransfer(prob=1.0, num_samples=50)
    np.random.seed(0)
    first = call(always, img, other)
    assert not np.array_equal(first, img)
    np.random.seed(0)
    np.testing.assert_array_equal(call(always, img, other), first)
    np.random.seed(1)
    assert not np.array_equal(call(always, img, other), first)
    # with the released fixed seed the global state does not matter
    fixed = OTSceneTransfer(prob=1.0, num_samples=50, fixed_seed=42)
    np.random.seed(0)
    a = call(fixed, img, other)
    np.random.seed(1)
    np.testing.assert_array_equal(call(fixed, img, other), a)
    # applied in about prob of the calls: 400 draws, p=0.3, 5 sigma ~ 0.11
    half = OTSceneTransfer(prob=0.3, num_samples=10)
    np.random.seed(3)
    applied = [
        not np.array_equal(call(half, img, other), img) for _ in range(400)
    ]
    assert abs(np.mean(applied) - 0.3) < 0.11


def test_released_algorithm_bit_exact():
    """fixed_seed=42 + released_scaling on 256x256 uint8 RGB reproduce the
    released ST_transf (POT EMDTransport, out-of-sample transform)."""
    ot = pytest.importorskip('ot')
    yy, xx = np.mgrid[0:256, 0:256]
    img = np.stack([xx, yy, (xx + yy) // 2], -1).astype(np.uint8)
    rng = np.random.default_rng(4)
    other = np.clip(rng.normal([150, 90, 60], 30, (256, 256, 3)), 0,
                    255).astype(np.uint8)
    # the released algorithm (without its no-op 256x256 resize)
    x1 = img.reshape(-1, 3) / 256
    x2 = other.reshape(-1, 3) / 256
    rs = np.random.RandomState(42)
    xs = x1[rs.randint(65536, size=1000)]
    xt = x2[rs.randint(65536, size=1000)]
    emd = ot.da.EMDTransport()
    emd.fit(Xs=xs, Xt=xt)
    # POT maps pixel by pixel: a fifth of them keeps the test fast
    every = slice(None, None, 5)
    ref = emd.transform(Xs=x1[every], batch_size=1024)
    ref = (np.clip(ref, 0, 1) * 255).astype(np.uint8)
    t = dict(type='OTSceneTransfer',
             prob=1.0,
             fixed_seed=42,
             released_scaling=True)
    out = call(TRANSFORMS.build(t), img, other)
    np.testing.assert_array_equal(out.reshape(-1, 3)[every], ref)
    # our scaling differs from the released one by the 255/256 darkening
    ours = call(OTSceneTransfer(prob=1.0, fixed_seed=42), img, other)
    diff = ours.astype(int) - out.astype(int)
    assert diff.min() >= 0 and 0 < diff.mean() < 1.5


def test_errors_name_the_fix():
    img = np.zeros((4, 4, 3), np.uint8)
    t = OTSceneTransfer(prob=1.0)
    with pytest.raises(KeyError, match='SceneTransferDataset'):
        t(dict(img=img))
    with pytest.raises(ValueError, match='3 bands but the other scene has 4'):
        t(dict(img=img, scene_transfer_img=np.zeros((4, 4, 4), np.uint8)))
    with pytest.raises(ValueError, match='value_range in the dataset setting'):
        t(
            dict(img=img.astype(np.float32),
                 scene_transfer_img=img.astype(np.float32)))
    with pytest.raises(ValueError, match='released_scaling'):
        OTSceneTransfer(prob=1.0,
                        released_scaling=True)(dict(img=img.astype(np.uint16),
                                                    scene_transfer_img=img,
                                                    value_range=(0, 255)))
    with pytest.raises(ValueError, match='prob'):
        OTSceneTransfer(prob=1.5)
