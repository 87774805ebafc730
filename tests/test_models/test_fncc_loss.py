"""FNCCLoss against a float64 loop transcription of FALSE's FNSD/FNCC."""
import pytest
import torch
from _fncc_reference import make_batch, reference_fncc

from grsim_mm.models.losses import FNCCLoss, NTXentLoss


def loss_and_grads(loss_fn, z1, z2, valid=None):
    a, b = z1.clone().requires_grad_(), z2.clone().requires_grad_()
    loss = loss_fn(a, b) if valid is None else loss_fn(a, b, valid)
    loss.backward()
    return loss.detach(), a.grad, b.grad


def assert_matches_reference(z1, z2, valid=None, **kwargs):
    """FNCCLoss equals the loop reference in value and gradient; returns the
    reference's fired pairs."""
    names = dict(tau='temperature', alpha='confidence_weight',
                 threshold='positive_threshold')
    ours = FNCCLoss(**{names.get(k, k): v for k, v in kwargs.items()})
    loss, g1, g2 = loss_and_grads(ours, z1, z2, valid)
    a, b = z1.clone().requires_grad_(), z2.clone().requires_grad_()
    expected, fired = reference_fncc(a, b, valid=valid, **kwargs)
    expected.backward()
    torch.testing.assert_close(loss, expected.detach(), rtol=1e-12, atol=0)
    torch.testing.assert_close(g1, a.grad, rtol=1e-9, atol=1e-12)
    torch.testing.assert_close(g2, b.grad, rtol=1e-9, atol=1e-12)
    return loss, fired


def nt_xent(z1, z2, tau=0.5):
    return NTXentLoss(temperature=tau)(z1, z2)


def test_no_correction_fires_equals_nt_xent():
    # tight positives except image 3's; the batch minimum falls on image 3's
    # anchor (cosine 0.69 to its positive), so the threshold stops it
    z1, z2 = make_batch(close=(3, 4), seed=1)
    z2[3] = z2[3] + 0.8 * torch.randn(16, generator=torch.Generator()
                                      .manual_seed(5), dtype=torch.float64)
    loss, fired = assert_matches_reference(z1, z2)
    assert fired == []
    _, picked = reference_fncc(z1, z2, threshold=-1.0)
    assert picked and picked[0][0] % 5 == 3  # something was picked
    torch.testing.assert_close(loss, nt_xent(z1, z2), rtol=1e-12, atol=0)


@pytest.mark.parametrize('alpha', [1.0, 0.5])
def test_correction_fires(alpha):
    z1, z2 = make_batch()
    loss, fired = assert_matches_reference(z1, z2, alpha=alpha)
    assert fired == [(0, 6)]  # view 1 of image 0 and view 2 of image 1
    assert loss < nt_xent(z1, z2) - 1e-3


def test_half_confidence_lies_between():
    z1, z2 = make_batch()
    full = FNCCLoss(confidence_weight=1.0)(z1, z2)
    half = FNCCLoss(confidence_weight=0.5)(z1, z2)
    none = FNCCLoss(confidence_weight=0.0)(z1, z2)
    assert full < half < none
    torch.testing.assert_close(none, nt_xent(z1, z2), rtol=1e-12, atol=0)


def test_temperature():
    z1, z2 = make_batch()
    loss, fired = assert_matches_reference(z1, z2, tau=0.2)
    assert fired == [(0, 6)]
    assert loss < nt_xent(z1, z2, tau=0.2) - 1e-3


def test_per_anchor():
    z1, z2 = make_batch()
    loss, fired = assert_matches_reference(z1, z2, fnsd_scope='per_anchor')
    # every anchor that has candidates and a tight positive is calibrated
    assert len(fired) == 9
    assert loss < FNCCLoss()(z1, z2) - 1e-3


@pytest.mark.parametrize('fnsd_scope', ['batch', 'per_anchor'])
@pytest.mark.parametrize('candidate_scope', ['upper', 'all'])
@pytest.mark.parametrize('compare_space', ['exp', 'cos'])
def test_option_grid(fnsd_scope, candidate_scope, compare_space):
    z1, z2 = make_batch(close=(2, 4), close_cos=0.6, noise=0.15, seed=3)
    assert_matches_reference(z1, z2, fnsd_scope=fnsd_scope,
                             candidate_scope=candidate_scope,
                             compare_space=compare_space, alpha=0.7,
                             threshold=0.8)


def test_candidates_all_reaches_lower_triangle():
    # 'upper' lets only the earlier row of a pair be the anchor; with 'all'
    # the later row, whose positive is looser here, gets the smaller
    # difference and is the one calibrated
    z1, z2 = make_batch(seed=1)
    _, upper = assert_matches_reference(z1, z2, candidate_scope='upper')
    _, every = assert_matches_reference(z1, z2, candidate_scope='all')
    assert upper == [(1, 5)]
    assert every == [(6, 5)]


def test_masked_exclusion_instead_of_sentinel():
    # tight positives, unrelated negatives: every real difference exceeds 3,
    # so the released sentinel becomes the minimum and promotes whole lower
    # triangles; masking corrects exactly one pair
    z1, z2 = make_batch(close=None)
    loss, fired = assert_matches_reference(z1, z2)
    assert len(fired) == 1
    sentinel, sentinel_fired = reference_fncc(z1, z2, sentinel=3.0)
    assert len(sentinel_fired) > 40
    assert abs(loss - sentinel) > 0.1


def test_validity_mask():
    z1, z2 = make_batch(num=6, close=(0, 1))
    valid = torch.tensor([True, False, True, True, True, True])
    _, fired = assert_matches_reference(z1, z2, valid=valid)
    # image 1, the close one, is masked out, so it cannot be picked
    assert all(m % 6 != 1 and a % 6 != 1 for a, m in fired)


def test_one_module_for_several_batch_shapes():
    # the masks are cached per shape; a new shape must rebuild them
    loss_fn = FNCCLoss(fnsd_scope='per_anchor')
    for num in (5, 6, 5):
        z1, z2 = make_batch(num=num)
        expected, _ = reference_fncc(z1, z2, fnsd_scope='per_anchor')
        torch.testing.assert_close(loss_fn(z1, z2), expected, rtol=1e-12,
                                   atol=0)
        torch.testing.assert_close(loss_fn(z1.float(), z2.float()),
                                   expected.float(), rtol=1e-5, atol=0)


def test_float32_matches():
    z1, z2 = make_batch()
    loss = FNCCLoss(confidence_weight=0.5)(z1.float(), z2.float())
    expected, _ = reference_fncc(z1, z2, alpha=0.5)
    assert loss.dtype == torch.float32
    assert loss.item() == pytest.approx(expected.item(), rel=1e-5)


def test_small_temperature():
    # exp(2 / 0.01) overflows float32: the shifted exponentials must not;
    # looser positives keep the loss away from 0 (and its rounding)
    z1, z2 = make_batch(noise=0.2, close_cos=0.9)
    _, fired = assert_matches_reference(z1, z2, tau=0.01, threshold=-1.0)
    assert fired
    expected, _ = reference_fncc(z1, z2, tau=0.01, threshold=-1.0)
    loss = FNCCLoss(temperature=0.01, positive_threshold=-1.0)(z1.float(),
                                                               z2.float())
    assert loss.item() == pytest.approx(expected.item(), rel=1e-5)


@pytest.mark.parametrize('kwargs,match', [
    (dict(confidence_weight=1.5), 'confidence_weight=1.5'),
    (dict(fnsd_scope='row'), "fnsd_scope='row'"),
    (dict(candidate_scope='lower'), "candidate_scope='lower'"),
    (dict(compare_space='log'), "compare_space='log'"),
    (dict(temperature=0.0), 'temperature=0.0'),
])
def test_bad_arguments(kwargs, match):
    with pytest.raises(ValueError, match=match):
        FNCCLoss(**kwargs)


def test_shape_mismatch():
    with pytest.raises(ValueError, match=r'\(4, 8\) and \(3, 8\)'):
        FNCCLoss()(torch.zeros(4, 8), torch.zeros(3, 8))
