"""Exact assignment, nearest-anchor search and colour transport against
brute force."""
import itertools

import numpy as np
import pytest

from grsim_mm.utils.colour_transport import (exact_assignment, nearest_anchor,
                                             sq_distances, transport_colours)


def brute_nearest(points, anchors):
    """First index of the minimal exact squared distance, pixel by pixel."""
    out = []
    for p in points:
        best, best_d = 0, None
        for i, a in enumerate(anchors):
            d = float(((p - a)**2).sum())
            if best_d is None or d < best_d:
                best, best_d = i, d
        out.append(best)
    return np.array(out)


@pytest.mark.parametrize('solver', ['emd', 'lsa'])
def test_assignment_is_the_brute_force_optimum(solver):
    rng = np.random.default_rng(3)
    src, tgt = rng.random((6, 3)), rng.random((6, 3)) + 0.5
    cost = sq_distances(src, tgt)
    totals = {
        p: cost[np.arange(6), list(p)].sum()
        for p in itertools.permutations(range(6))
    }
    best = min(totals, key=totals.get)
    assert sorted(totals.values())[1] > totals[best] + 1e-9  # unique optimum
    assert exact_assignment(cost, solver).tolist() == list(best)


def test_solvers_agree_on_the_optimal_cost_with_repeated_colours():
    rng = np.random.default_rng(0)
    src = rng.integers(0, 6, (300, 3)).astype(float)  # many repeats
    tgt = rng.integers(3, 12, (300, 3)).astype(float)
    cost = sq_distances(src, tgt)
    totals = [
        cost[np.arange(300), exact_assignment(cost, s)].sum()
        for s in ('emd', 'lsa')
    ]
    assert totals[0] == totals[1]


def test_sq_distances_exact_for_integers():
    rng = np.random.default_rng(1)
    a = rng.integers(0, 65536, (20, 4)).astype(float)
    b = rng.integers(0, 65536, (30, 4)).astype(float)
    ref = ((a[:, None] - b[None])**2).sum(-1)
    np.testing.assert_array_equal(sq_distances(a, b), ref)


@pytest.mark.parametrize('bands,high', [(3, 4), (4, 3), (13, 2)])
def test_nearest_anchor_breaks_ties_to_lowest_index(bands, high):
    rng = np.random.default_rng(bands)
    points = rng.integers(0, high, (400, bands)).astype(float)
    anchors = rng.integers(0, high, (25, bands)).astype(float)
    anchors[7] = anchors[2]  # a repeated anchor
    ref = brute_nearest(points, anchors)
    d = sq_distances(points, anchors)
    # the test only means something if distinct anchors tie
    distinct_ties = [
        len(np.unique(anchors[d[i] == d[i].min()], axis=0)) > 1
        for i in range(len(points))
    ]
    assert sum(distinct_ties) > 10
    np.testing.assert_array_equal(nearest_anchor(points, anchors), ref)


def test_nearest_anchor_with_more_tied_anchors_than_the_tree_returns():
    # the origin is equally far from all 26 unit vectors of 13-D space
    units = np.concatenate([np.eye(13), -np.eye(13)])
    anchors = np.concatenate([[[5.0] * 13], units[::-1]])
    points = np.concatenate([np.zeros((1, 13)), 2 * units[:3]])
    np.testing.assert_array_equal(nearest_anchor(points, anchors),
                                  brute_nearest(points, anchors))
    assert nearest_anchor(points[:1], anchors)[0] == 1


def test_nearest_anchor_float_and_single_anchor():
    rng = np.random.default_rng(2)
    points, anchors = rng.random((300, 3)), rng.random((40, 3))
    np.testing.assert_array_equal(nearest_anchor(points, anchors),
                                  brute_nearest(points, anchors))
    assert nearest_anchor(points, np.ones((5, 3))).tolist() == [0] * 300


@pytest.mark.parametrize('solver', ['emd', 'lsa'])
def test_identical_samples_leave_pixels_unchanged(solver):
    rng = np.random.default_rng(4)
    pixels = rng.integers(0, 50, (500, 4)).astype(float)
    samples = pixels[rng.integers(0, 500, 60)]  # includes repeats
    moved, _ = transport_colours(pixels, samples, samples.copy(), solver)
    np.testing.assert_array_equal(moved, pixels)


@pytest.mark.parametrize('solver', ['emd', 'lsa'])
def test_moved_samples_are_a_permutation_of_the_target_samples(solver):
    rng = np.random.default_rng(5)
    src = rng.random((200, 3))
    tgt = rng.normal(2.0, 0.5, (200, 3))
    moved, perm = transport_colours(src, src, tgt, solver)
    np.testing.assert_allclose(moved, tgt[perm], atol=1e-12)
    order = np.lexsort(moved.T)
    np.testing.assert_allclose(moved[order],
                               tgt[np.lexsort(tgt.T)],
                               atol=1e-12)


def test_bad_inputs():
    with pytest.raises(ValueError, match='square'):
        exact_assignment(np.zeros((3, 4)))
    with pytest.raises(ValueError, match='solver'):
        exact_assignment(np.zeros((3, 3)), 'sinkhorn')
    with pytest.raises(ValueError, match='one shape'):
        transport_colours(np.zeros((4, 3)), np.zeros((5, 3)), np.zeros((5, 4)))
