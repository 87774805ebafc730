"""GeoFeatureCorrectedNTXentLoss against a float64 loop and NT-Xent."""
import math

import numpy as np
import pytest
import torch
from mmpretrain.registry import MODELS

from grsim_mm.models.losses import GeoFeatureCorrectedNTXentLoss, NTXentLoss


def reference_weight(cos, centre_a, frame_a, centre_b, frame_b, cfg):
    """Weight of negative b for anchor a, written out pair by pair."""
    if frame_a != frame_b:
        return 1.0  # never near across frames
    d_geo = math.hypot(centre_a[0] - centre_b[0], centre_a[1] - centre_b[1])
    joint = (cfg['geo_weight'] * min(d_geo / cfg['geo_radius'], 1.0) +
             (1 - cfg['geo_weight']) * (1 - cos) / 2)
    if joint >= cfg['threshold']:
        return 1.0
    if cfg['mode'] == 'remove':
        return 0.0
    if cfg['weighting'] == 'linear':
        return joint / cfg['threshold']
    return cfg['near_weight']


def reference_loss(z1, z2, centres, frames, cfg, valid=None):
    """Loop form; returns the loss and the number of near pairs."""
    z = np.concatenate([z1, z2]).astype(np.float64)
    z /= np.linalg.norm(z, axis=1, keepdims=True)
    n = len(z1)
    valid = np.ones(n, bool) if valid is None else np.asarray(valid)
    tau = cfg['temperature']
    terms, near = [], 0
    for a in range(2 * n):
        if not valid[a % n]:
            continue
        p = (a + n) % (2 * n)
        pos = math.exp(float(z[a] @ z[p]) / tau)
        denom = pos
        for b in range(2 * n):
            if b in (a, p) or not valid[b % n]:
                continue
            cos = float(z[a] @ z[b])
            w = reference_weight(cos, centres[a % n], frames[a % n],
                                 centres[b % n], frames[b % n], cfg)
            near += w < 1
            denom += w * math.exp(cos / tau)
        terms.append(-math.log(pos / denom))
    return float(np.mean(terms)), near


def make_case(seed=0, n=6):
    """Two scenes; samples 0-3 near each other in scene 7, and the views of
    samples 0 and 1 alike, so a few (not all) negatives are near."""
    rng = np.random.default_rng(seed)
    base = rng.standard_normal((n, 8))
    base[1] = base[0] + 0.2 * rng.standard_normal(8)
    z1 = base + 0.1 * rng.standard_normal((n, 8))
    z2 = base + 0.1 * rng.standard_normal((n, 8))
    centres = np.array([[0., 0.], [100., 0.], [0., 150.], [400., 300.],
                        [0., 0.], [50., 50.]])[:n]
    frames = np.array([7, 7, 7, 7, 9, 9])[:n]
    return z1, z2, centres, frames


CFGS = {
    'remove': dict(mode='remove'),
    'linear': dict(mode='reweight', weighting='linear'),
    'constant': dict(mode='reweight', weighting='constant', near_weight=0.3),
}


def full_cfg(**overrides):
    cfg = dict(geo_radius=512., temperature=0.5, geo_weight=0.5,
               threshold=0.25, weighting='linear', near_weight=0.5)
    cfg.update(overrides)
    return cfg


def as_tensors(*arrays):
    return [torch.from_numpy(np.asarray(a)) for a in arrays]


@pytest.mark.parametrize('kind', sorted(CFGS))
def test_matches_loop(kind):
    z1, z2, centres, frames = make_case()
    cfg = full_cfg(**CFGS[kind])
    valid = np.array([True, True, True, True, False, True])
    loss_fn = GeoFeatureCorrectedNTXentLoss(**cfg)
    loss = loss_fn(*as_tensors(z1, z2, centres, frames, valid))
    expected, near = reference_loss(z1, z2, centres, frames, cfg, valid)
    assert loss.item() == pytest.approx(expected, rel=1e-10)
    # the case really corrects some negatives, not all
    pairs = 10 * 8  # 10 valid anchors, 8 negatives each
    assert 0 < near < pairs
    assert loss_fn.corrected_fraction.item() == pytest.approx(near / pairs)
    nt_xent = NTXentLoss()(*as_tensors(z1, z2, valid))
    assert loss.item() < nt_xent.item()


@pytest.mark.parametrize('kind', sorted(CFGS))
def test_gradient_treats_weights_as_constants(kind):
    z1, z2, centres, frames = make_case(seed=1)
    cfg = full_cfg(**CFGS[kind])
    a = torch.from_numpy(z1).requires_grad_()
    b = torch.from_numpy(z2).requires_grad_()
    loss_fn = GeoFeatureCorrectedNTXentLoss(**cfg)
    loss_fn(a, b, *as_tensors(centres, frames)).backward()

    # the plain formula with the loop's weights frozen
    n = len(z1)
    zn = np.concatenate([z1, z2])
    zn /= np.linalg.norm(zn, axis=1, keepdims=True)
    weights = torch.zeros(2 * n, 2 * n, dtype=torch.float64)
    for i in range(2 * n):
        for j in range(2 * n):
            if j == (i + n) % (2 * n):
                weights[i, j] = 1.0
            elif j != i:
                weights[i, j] = reference_weight(
                    float(zn[i] @ zn[j]), centres[i % n], frames[i % n],
                    centres[j % n], frames[j % n], cfg)
    za = torch.from_numpy(z1).requires_grad_()
    zb = torch.from_numpy(z2).requires_grad_()
    z = torch.nn.functional.normalize(torch.cat([za, zb]), dim=1)
    s = torch.exp(z @ z.t() / cfg['temperature'])
    idx = torch.arange(2 * n)
    pos = s[idx, (idx + n) % (2 * n)]
    plain = -torch.log(pos / (s * weights).sum(1)).mean()
    plain.backward()
    torch.testing.assert_close(a.grad, za.grad)
    torch.testing.assert_close(b.grad, zb.grad)


@pytest.mark.parametrize('overrides', [
    dict(threshold=1e-9),  # nothing is close enough
    dict(geo_weight=1.0, geo_radius=1e-3),  # every other sample is far
])
def test_equals_nt_xent_when_nothing_is_corrected(overrides):
    z1, z2, centres, frames = make_case()
    loss_fn = GeoFeatureCorrectedNTXentLoss(**full_cfg(**overrides))
    a = torch.from_numpy(z1).requires_grad_()
    ours = loss_fn(a, torch.from_numpy(z2), *as_tensors(centres, frames))
    ours.backward()
    b = torch.from_numpy(z1).requires_grad_()
    nt_xent = NTXentLoss()(b, torch.from_numpy(z2))
    nt_xent.backward()
    assert loss_fn.corrected_fraction.item() == 0
    assert ours.item() == pytest.approx(nt_xent.item(), rel=1e-12)
    torch.testing.assert_close(a.grad, b.grad)


def test_other_frames_are_never_near():
    # identical embeddings at one spot: near by any measure, but every
    # sample has a frame of its own
    z = torch.ones(4, 3, dtype=torch.float64)
    centres = torch.zeros(4, 2, dtype=torch.float64)
    cfg = full_cfg(geo_weight=0.0, threshold=1.0)
    loss_fn = GeoFeatureCorrectedNTXentLoss(**cfg)
    apart = loss_fn(z, z, centres, torch.arange(4))
    assert loss_fn.corrected_fraction.item() == 0
    assert apart.item() == pytest.approx(NTXentLoss()(z, z).item())
    # one frame: every negative is removed, each term is -log(1) = 0
    together = loss_fn(z, z, centres, torch.zeros(4, dtype=torch.long))
    assert loss_fn.corrected_fraction.item() == 1
    assert together.item() == 0


def test_hand_computed_reweight():
    # two samples of one scene, 100 px apart; views of a sample identical,
    # the samples orthogonal: cos 0 -> feature term 0.5
    z1 = torch.tensor([[1., 0.], [0., 1.]], dtype=torch.float64)
    centres = torch.tensor([[0., 0.], [100., 0.]], dtype=torch.float64)
    frames = torch.tensor([3, 3])
    cfg = dict(geo_radius=400., geo_weight=0.8, threshold=0.5,
               mode='reweight', weighting='linear')
    # joint = 0.8 * 0.25 + 0.2 * 0.5 = 0.3 < 0.5 -> weight 0.6 on each of
    # the two negatives exp(0 / 0.5) = 1
    expected = -math.log(math.exp(2) / (math.exp(2) + 2 * 0.6))
    loss = GeoFeatureCorrectedNTXentLoss(**cfg)(z1, z1.clone(), centres,
                                                frames)
    assert loss.item() == pytest.approx(expected, rel=1e-12)


@pytest.mark.parametrize('kwargs,match', [
    (dict(mode='promote'), 'mode'),
    (dict(weighting='cosine'), 'weighting'),
    (dict(geo_radius=0), 'geo_radius'),
    (dict(geo_weight=1.5), 'geo_weight'),
    (dict(threshold=0), 'threshold'),
    (dict(near_weight=1.0), 'near_weight'),
])
def test_bad_arguments(kwargs, match):
    cfg = dict(geo_radius=1.0)
    cfg.update(kwargs)
    with pytest.raises(ValueError, match=match):
        GeoFeatureCorrectedNTXentLoss(**cfg)


def test_bad_positions_shape():
    loss_fn = GeoFeatureCorrectedNTXentLoss(geo_radius=1.0)
    z = torch.randn(3, 4)
    with pytest.raises(ValueError, match=r'centres \(3, 2\)'):
        loss_fn(z, z, torch.zeros(3, 3), torch.zeros(3))


def test_registered_in_mmpretrain():
    loss = MODELS.build(dict(type='GeoFeatureCorrectedNTXentLoss',
                             geo_radius=768., mode='reweight'))
    assert isinstance(loss, GeoFeatureCorrectedNTXentLoss)
    assert (loss.geo_radius, loss.mode) == (768., 'reweight')
