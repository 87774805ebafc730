"""NT-Xent losses against a plain loop over anchors (numpy, float64)."""
import math

import numpy as np
import pytest
import torch

from grsim_mm.models.losses import DecoupledNTXentLoss, NTXentLoss


def reference_loss(z1, z2, tau, decoupled, valid=None):
    """Loop form of the loss: for every usable anchor a, with positive p,
    -log(exp(s_ap) / (sum over negatives [+ positive] of exp(s_ab)))."""
    z = np.concatenate([z1, z2]).astype(np.float64)
    z /= np.linalg.norm(z, axis=1, keepdims=True)
    n = len(z1)
    valid = np.ones(n, bool) if valid is None else np.asarray(valid)
    valid2 = np.concatenate([valid, valid])
    terms = []
    for a in range(2 * n):
        if not valid2[a]:
            continue
        p = (a + n) % (2 * n)
        sim = lambda b: math.exp(float(z[a] @ z[b]) / tau)  # noqa: E731
        negatives = [sim(b) for b in range(2 * n)
                     if b not in (a, p) and valid2[b]]
        if decoupled and not negatives:
            continue
        denom = sum(negatives) + (0 if decoupled else sim(p))
        terms.append(-math.log(sim(p) / denom))
    return float(np.mean(terms)) if terms else 0.0


@pytest.fixture
def embeddings():
    rng = np.random.default_rng(0)
    return (rng.standard_normal((5, 8)).astype(np.float32),
            rng.standard_normal((5, 8)).astype(np.float32))


@pytest.mark.parametrize('cls,decoupled', [(DecoupledNTXentLoss, True),
                                           (NTXentLoss, False)])
@pytest.mark.parametrize('tau', [0.5, 0.1])
def test_matches_loop(embeddings, cls, decoupled, tau):
    z1, z2 = embeddings
    loss = cls(temperature=tau)(torch.from_numpy(z1), torch.from_numpy(z2))
    expected = reference_loss(z1, z2, tau, decoupled)
    assert loss.item() == pytest.approx(expected, rel=1e-5)


def test_decoupled_is_smaller_than_standard(embeddings):
    # dropping exp(s_pos) from the denominator can only lower each term
    z1, z2 = map(torch.from_numpy, embeddings)
    assert DecoupledNTXentLoss()(z1, z2) < NTXentLoss()(z1, z2)


def test_hand_computed_two_pairs():
    # orthogonal unit vectors: cos(self-pair) = 1, all others 0
    z1 = torch.tensor([[1., 0.], [0., 1.]])
    z2 = z1.clone() * 3  # scale must not matter
    tau = 0.5
    # each anchor: positive exp(2), negatives: the other image's two rows
    # (cos 0 -> exp(0) = 1 each)
    decoupled = -math.log(math.exp(2) / 2)
    standard = -math.log(math.exp(2) / (2 + math.exp(2)))
    assert DecoupledNTXentLoss(temperature=tau)(z1, z2).item() == \
        pytest.approx(decoupled, rel=1e-6)
    assert NTXentLoss(temperature=tau)(z1, z2).item() == \
        pytest.approx(standard, rel=1e-6)


@pytest.mark.parametrize('cls,decoupled', [(DecoupledNTXentLoss, True),
                                           (NTXentLoss, False)])
def test_validity_mask(embeddings, cls, decoupled):
    z1, z2 = embeddings
    valid = np.array([True, False, True, True, False])
    t1 = torch.from_numpy(z1).requires_grad_()
    loss = cls()(t1, torch.from_numpy(z2), torch.from_numpy(valid))
    assert loss.item() == pytest.approx(
        reference_loss(z1, z2, 0.5, decoupled, valid), rel=1e-5)
    # same as dropping the invalid rows
    kept = cls()(torch.from_numpy(z1[valid]), torch.from_numpy(z2[valid]))
    assert loss.item() == pytest.approx(kept.item(), rel=1e-6)
    loss.backward()
    assert torch.all(t1.grad[~torch.from_numpy(valid)] == 0)
    assert torch.all(t1.grad[torch.from_numpy(valid)].abs().sum(1) > 0)


def test_too_few_valid_pairs_gives_zero_with_finite_grad(embeddings):
    z1 = torch.from_numpy(embeddings[0]).requires_grad_()
    z2 = torch.from_numpy(embeddings[1])
    for valid in ([True, False, False, False, False], [False] * 5):
        loss = DecoupledNTXentLoss()(z1, z2, torch.tensor(valid))
        loss.backward()
        assert loss.item() == 0
        assert torch.isfinite(z1.grad).all()
        z1.grad = None


def test_gradient_matches_autograd_of_loop_form(embeddings):
    # the fused logsumexp form must give the gradient of the plain formula
    z1 = torch.from_numpy(embeddings[0]).double().requires_grad_()
    z2 = torch.from_numpy(embeddings[1]).double().requires_grad_()

    def plain(a, b):
        z = torch.nn.functional.normalize(torch.cat([a, b]), dim=1)
        s = torch.exp(z @ z.t() / 0.5)
        n = a.size(0)
        idx = torch.arange(2 * n)
        pos = s[idx, (idx + n) % (2 * n)]
        neg = s.sum(1) - s.diag() - pos
        return (-torch.log(pos / neg)).mean()

    torch.autograd.gradcheck(DecoupledNTXentLoss(), (z1, z2))
    expected = torch.autograd.grad(plain(z1, z2), (z1, z2))
    actual = torch.autograd.grad(DecoupledNTXentLoss()(z1, z2), (z1, z2))
    for e, a in zip(expected, actual):
        torch.testing.assert_close(a, e)
