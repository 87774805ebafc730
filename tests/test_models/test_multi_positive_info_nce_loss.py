"""MultiPositiveInfoNCELoss against a float64 loop and against NT-Xent."""
import math

import numpy as np
import pytest
import torch
from mmpretrain.registry import MODELS

from grsim_mm.models.losses import MultiPositiveInfoNCELoss, NTXentLoss


def reference_loss(z, pos_mask, tau, form, valid=None):
    """Loop form: for each usable anchor a with positives P and every other
    usable row A, the SupCon L_out or L_in term; mean over anchors."""
    z = np.asarray(z, np.float64)
    z = z / np.linalg.norm(z, axis=1, keepdims=True)
    m = len(z)
    valid = np.ones(m, bool) if valid is None else np.asarray(valid)
    terms = []
    for a in range(m):
        if not valid[a]:
            continue
        others = [b for b in range(m) if b != a and valid[b]]
        pos = [p for p in others if pos_mask[a][p]]
        neg = [b for b in others if b not in pos]
        if not pos or not neg:
            continue
        e = {b: math.exp(float(z[a] @ z[b]) / tau) for b in others}
        denom = sum(e.values())
        if form == 'mean_of_logs':
            terms.append(-sum(math.log(e[p] / denom) for p in pos) / len(pos))
        else:
            terms.append(-math.log(sum(e[p] for p in pos) / len(pos) / denom))
    return float(np.mean(terms)) if terms else 0.0


def random_case(seed=0, m=9, d=6):
    rng = np.random.default_rng(seed)
    z = rng.standard_normal((m, d))
    mask = rng.random((m, m)) < 0.3
    np.fill_diagonal(mask, False)
    mask[4] = False  # a row without positives is no anchor
    valid = np.ones(m, bool)
    valid[2] = False
    return z, mask, valid


@pytest.mark.parametrize('form', ['mean_of_logs', 'log_of_mean'])
@pytest.mark.parametrize('tau', [0.5, 0.1])
def test_matches_loop(form, tau):
    z, mask, valid = random_case()
    loss = MultiPositiveInfoNCELoss(temperature=tau, form=form)(
        torch.from_numpy(z).float(), torch.from_numpy(mask),
        torch.from_numpy(valid))
    expected = reference_loss(z, mask, tau, form, valid)
    assert loss.item() == pytest.approx(expected, rel=1e-5)
    # the two forms really differ when anchors have several positives
    other = 'log_of_mean' if form == 'mean_of_logs' else 'mean_of_logs'
    assert expected != pytest.approx(
        reference_loss(z, mask, tau, other, valid), rel=1e-3)


@pytest.mark.parametrize('form', ['mean_of_logs', 'log_of_mean'])
def test_gradient_in_float64(form):
    z, mask, valid = random_case(seed=1, m=6, d=4)
    z = torch.from_numpy(z).requires_grad_()
    loss = MultiPositiveInfoNCELoss(form=form)
    torch.autograd.gradcheck(
        lambda x: loss(x, torch.from_numpy(mask), torch.from_numpy(valid)),
        (z, ))


@pytest.mark.parametrize('form', ['mean_of_logs', 'log_of_mean'])
def test_single_positive_equals_nt_xent(form):
    rng = np.random.default_rng(2)
    z1 = torch.from_numpy(rng.standard_normal((5, 8)))
    z2 = torch.from_numpy(rng.standard_normal((5, 8)))
    n = 5
    idx = torch.arange(2 * n)
    mask = torch.zeros(2 * n, 2 * n, dtype=torch.bool)
    mask[idx, (idx + n) % (2 * n)] = True
    for valid in (None, torch.tensor([True, False, True, True, True])):
        ours = MultiPositiveInfoNCELoss(temperature=0.2, form=form)(
            torch.cat([z1, z2]), mask,
            None if valid is None else torch.cat([valid, valid]))
        nt_xent = NTXentLoss(temperature=0.2)(z1, z2, valid)
        assert ours.item() == pytest.approx(nt_xent.item(), rel=1e-12)


def test_hand_computed():
    # rows 0, 1 identical and 2 orthogonal to them; 0 and 1 are mutual
    # positives, row 2 has none (so it is only a negative)
    z = torch.tensor([[1., 0.], [2., 0.], [0., 1.]])
    mask = torch.tensor([[0, 1, 0], [1, 0, 0], [0, 0, 0]], dtype=torch.bool)
    # anchor 0: positive exp(1/0.5), negative exp(0); anchor 1 the same
    expected = -math.log(math.exp(2) / (math.exp(2) + 1))
    loss = MultiPositiveInfoNCELoss(temperature=0.5)(z, mask)
    assert loss.item() == pytest.approx(expected, rel=1e-6)


def test_no_anchor_gives_zero_with_finite_grad():
    z = torch.randn(4, 3, requires_grad=True)
    mask = torch.ones(4, 4, dtype=torch.bool) & ~torch.eye(4, dtype=bool)
    # every other row is a positive, so no anchor has a negative
    loss = MultiPositiveInfoNCELoss()(z, mask)
    loss.backward()
    assert loss.item() == 0
    assert torch.isfinite(z.grad).all()


def test_bad_input_is_an_error():
    loss = MultiPositiveInfoNCELoss()
    with pytest.raises(ValueError, match='own positive'):
        loss(torch.randn(3, 2), torch.eye(3, dtype=torch.bool))
    with pytest.raises(ValueError, match=r'pos_mask \(M, M\)'):
        loss(torch.randn(3, 2), torch.zeros(3, 2, dtype=torch.bool))
    with pytest.raises(ValueError, match='form'):
        MultiPositiveInfoNCELoss(form='sum')


def test_registered_in_mmpretrain():
    loss = MODELS.build(
        dict(type='MultiPositiveInfoNCELoss', temperature=0.3,
             form='log_of_mean'))
    assert isinstance(loss, MultiPositiveInfoNCELoss)
    assert (loss.temperature, loss.form) == (0.3, 'log_of_mean')
