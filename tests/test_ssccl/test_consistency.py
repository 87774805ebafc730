"""DenseInfoNCELoss values, semantic matching and SSCCL's loss assembly."""
import math

import numpy as np
import pytest
import torch

from grsim_mm.models.heads import OverlapConsistencyHead
from grsim_mm.models.losses import DenseInfoNCELoss


def _reference_loss(q, k, targets, q_valid, k_valid, tau):
    """Loop-based InfoNCE in float64."""
    q = q / np.linalg.norm(q, axis=1, keepdims=True)
    k = k / np.linalg.norm(k, axis=1, keepdims=True)
    terms = []
    for i in range(len(q)):
        if not q_valid[i]:
            continue
        logits = [q[i] @ k[j] / tau for j in range(len(k)) if k_valid[j]]
        pos = q[i] @ k[targets[i]] / tau
        terms.append(math.log(sum(math.exp(x) for x in logits)) - pos)
    return sum(terms) / max(len(terms), 1)


@pytest.mark.parametrize('tau', [0.5, 0.1])
def test_dense_info_nce_matches_loop(tau):
    gen = torch.Generator().manual_seed(0)
    q = torch.randn(6, 5, generator=gen)
    k = torch.randn(7, 5, generator=gen)
    targets = torch.tensor([0, 2, 2, 5, 6, 1])
    q_valid = torch.tensor([True, True, False, True, True, True])
    k_valid = torch.tensor([True, True, True, False, True, True, True])
    loss = DenseInfoNCELoss(temperature=tau)(q, k, targets, q_valid, k_valid)
    expected = _reference_loss(q.double().numpy(), k.double().numpy(),
                               targets.numpy(), q_valid.numpy(),
                               k_valid.numpy(), tau)
    assert loss.item() == pytest.approx(expected, rel=1e-5)


def test_dense_info_nce_without_valid_anchor_is_zero_with_gradient():
    q = torch.randn(3, 4, requires_grad=True)
    loss = DenseInfoNCELoss()(q, torch.randn(3, 4), torch.arange(3),
                              torch.zeros(3, dtype=torch.bool))
    loss.backward()
    assert loss.item() == 0 and torch.all(q.grad == 0)


def test_semantic_match_recovers_a_permutation():
    """View 2's overlap shows view 1's locations in shuffled order: each
    location is matched to its own feature, within its own image."""
    gen = torch.Generator().manual_seed(1)
    head = OverlapConsistencyHead(in_channels=8, hid_channels=8,
                                  out_channels=8)
    f1 = torch.randn(2, 8, 3, 3, generator=gen)
    perm = torch.randperm(9, generator=gen)
    f2 = f1.flatten(2)[:, :, perm].view(2, 8, 3, 3)
    t12, t21 = head.match(f1, f2)
    inverse = torch.argsort(perm)
    assert torch.equal(t12, torch.cat([inverse, inverse + 9]))
    assert torch.equal(t21, torch.cat([perm, perm + 9]))


def test_invalid_overlaps_give_no_anchor_and_no_negative():
    """An image with an invalid overlap changes neither term."""
    torch.manual_seed(0)
    head = OverlapConsistencyHead(in_channels=4, hid_channels=4,
                                  out_channels=4)
    dense = torch.randn(3, 4, 8, 8)
    grids = torch.rand(3, 2, 2, 2, 2) * 2 - 1
    valid = torch.tensor([True, True, False])
    both = head.loss(dense, dense.flip(-1), grids, valid)
    # Replace the invalid image's content: losses must not move.
    dense2 = dense.clone()
    dense2[2] = torch.randn(4, 8, 8) * 10
    again = head.loss(dense2, dense2.flip(-1), grids, valid)
    for name in ('loss_spatial', 'loss_semantic'):
        assert again[name].item() == pytest.approx(both[name].item())
    none = head.loss(dense, dense, grids, torch.zeros(3, dtype=torch.bool))
    assert all(v.item() == 0 for v in none.values())
