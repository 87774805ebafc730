"""Exact optimal transport of colour samples, and the mapping of every pixel
through its nearest sample colour.

This is the colour transfer of STICL written so that a 256x256 image costs
a fraction of the released code's time and gives the same result:

- The sample sets have equal size and uniform weights, so the optimal
  coupling is a permutation (Birkhoff): an exact assignment solver finds
  the same optimum as POT's earth mover's distance.
- Every pixel moves by the displacement of its nearest source sample (the
  out-of-sample rule of POT's ``BaseTransport.transform``); the nearest
  sample is found with a k-d tree over the distinct sample colours instead
  of a full pixel-by-sample distance matrix, and exact distance ties go to
  the lowest sample index, as ``argmin`` over that matrix does.

Colours are rows of an ``(N, C)`` array: any band count works, the transport
is in band space.
"""
from typing import Optional, Tuple

import numpy as np
from scipy.spatial import cKDTree

SOLVERS = ('emd', 'lsa')
# generous bound of network-simplex iterations; the released code's 1e5 is
# enough for 1000 samples, and a run that hits the bound is not optimal
EMD_MAX_ITER = 10_000_000


def sq_distances(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Squared Euclidean distances between the rows of ``a`` and ``b``.

    The expanded form is the one POT uses; for integer-valued colours in
    float64 every term is an exact integer, so the result is exact.
    """
    d = (a * a).sum(1)[:, None] + (b * b).sum(1)[None, :] - 2.0 * (a @ b.T)
    return np.maximum(d, 0.0, out=d)


def exact_assignment(cost: np.ndarray, solver: str = 'emd') -> np.ndarray:
    """The permutation ``perm`` minimising ``sum_i cost[i, perm[i]]``.

    Args:
        cost: Square cost matrix.
        solver: ``'emd'``: POT's network simplex (``ot.emd``) with uniform
            marginals, the solver of the released code, and the faster one
            on colour samples (``tools/benchmark.py ot-scene-transfer``);
            ``'lsa'``: SciPy's ``linear_sum_assignment``. Both are exact;
            where several permutations are optimal (repeated colours) they
            may return different ones.
    """
    n = cost.shape[0]
    if cost.ndim != 2 or cost.shape[1] != n:
        raise ValueError(f'cost must be a square matrix, got {cost.shape}')
    if solver == 'lsa':
        from scipy.optimize import linear_sum_assignment
        return linear_sum_assignment(cost)[1]
    if solver != 'emd':
        raise ValueError(f'solver must be one of {SOLVERS}, got {solver!r}')
    from ot.lp import emd  # heavy import, needed only here
    weights = np.full(n, 1.0 / n)
    coupling, log = emd(weights,
                        weights,
                        np.ascontiguousarray(cost),
                        numItermax=EMD_MAX_ITER,
                        log=True)
    if log['result_code'] != 1:
        raise RuntimeError(
            f"ot.emd did not reach the optimum: {log['warning']}")
    perm = coupling.argmax(1)
    if not np.array_equal(np.sort(perm), np.arange(n)):
        raise RuntimeError('ot.emd returned a coupling that is not a '
                           'permutation')
    return perm


def _pack_keys(x: np.ndarray) -> Optional[np.ndarray]:
    """One int64 key per row of integer-valued colours, if they fit."""
    if x.size == 0 or not np.array_equal(x, np.round(x)):
        return None
    lo = x.min(0)
    span = x.max(0) - lo
    bits = [int(s).bit_length() for s in span]
    if sum(bits) > 62:
        return None
    keys = np.zeros(len(x), np.int64)
    for c, b in enumerate(bits):
        keys = (keys << b) | (x[:, c] - lo[c]).astype(np.int64)
    return keys


def _lowest_first(at_min: np.ndarray, candidates: np.ndarray,
                  first: np.ndarray) -> np.ndarray:
    """Per row, the candidate at the minimal distance whose anchor has the
    lowest original index."""
    rank = np.where(at_min, first[candidates], np.iinfo(np.int64).max)
    return candidates[np.arange(len(rank)), np.argmin(rank, 1)]


def _settle_ties(tree: cKDTree,
                 points: np.ndarray,
                 uniq: np.ndarray,
                 first: np.ndarray,
                 k: int = 16) -> np.ndarray:
    """Nearest distinct anchor with the lowest original index, for points
    whose two nearest anchors are equally far: the ``k`` nearest settle
    almost all, a full comparison the rest (``k`` tied)."""
    k = min(k, len(uniq))
    dist, idx = tree.query(points, k=k)
    at_min = dist == dist[:, :1]
    best = _lowest_first(at_min, idx, first)
    more = np.flatnonzero(at_min[:, -1])
    if len(more) and k < len(uniq):
        d = sq_distances(points[more], uniq)
        everyone = np.broadcast_to(np.arange(len(uniq)), d.shape)
        best[more] = _lowest_first(d == d.min(1, keepdims=True), everyone,
                                   first)
    return best


def nearest_anchor(points: np.ndarray, anchors: np.ndarray) -> np.ndarray:
    """Index of the nearest anchor of every point, exact ties to the lowest
    anchor index (what ``argmin`` over the full distance matrix returns).

    Repeated anchors collapse onto their first index before the search; of
    several distinct anchors at the same distance the k-d tree's second
    neighbour reveals the tie, which the tree's 16 nearest settle (a full
    comparison where even those are all tied). For integer-valued colours (any integer dtype) distances
    are exact and so is the tie-breaking; integer images are also searched
    once per distinct colour.
    """
    points = np.asarray(points, np.float64)
    anchors = np.asarray(anchors, np.float64)
    uniq, first = np.unique(anchors, axis=0, return_index=True)
    keys = _pack_keys(points)
    inverse = None
    if keys is not None:
        _, rows, inverse = np.unique(keys,
                                     return_index=True,
                                     return_inverse=True)
        points = points[rows]
    if len(uniq) == 1:
        best = np.zeros(len(points), np.int64)
    else:
        tree = cKDTree(uniq)
        dist, best = tree.query(points, k=2)
        tied = np.flatnonzero(dist[:, 0] == dist[:, 1])
        best = best[:, 0]
        if len(tied):
            best[tied] = _settle_ties(tree, points[tied], uniq, first)
    nearest = first[best]
    return nearest[inverse] if inverse is not None else nearest


def transport_colours(pixels: np.ndarray,
                      src_samples: np.ndarray,
                      tgt_samples: np.ndarray,
                      solver: str = 'emd') -> Tuple[np.ndarray, np.ndarray]:
    """Move ``pixels`` by the optimal transport of ``src_samples`` onto
    ``tgt_samples``.

    Each pixel ``x`` becomes ``x + t[perm[i]] - s[i]`` with ``i`` its nearest
    source sample: POT's out-of-sample barycentric mapping for a
    permutation coupling.

    Args:
        pixels: ``(N, C)`` colours to move.
        src_samples: ``(n, C)`` colours sampled from the source image.
        tgt_samples: ``(n, C)`` colours sampled from the target image.
        solver: See :func:`exact_assignment`.

    Returns:
        The moved pixels (float64, unclipped) and the permutation.
    """
    src = np.asarray(src_samples, np.float64)
    tgt = np.asarray(tgt_samples, np.float64)
    if src.shape != tgt.shape or src.ndim != 2:
        raise ValueError('source and target samples must be (n, C) arrays '
                         f'of one shape, got {src.shape} and {tgt.shape}')
    perm = exact_assignment(sq_distances(src, tgt), solver)
    shift = tgt[perm] - src
    pixels = np.asarray(pixels, np.float64)
    return pixels + shift[nearest_anchor(pixels, src)], perm
