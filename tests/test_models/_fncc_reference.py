"""Loop transcription of FALSE's FNSD/FNCC loss (float64), and test batches.

Follows the released computation step by step (similarity matrix, positive
and negative masks, difference matrix, selection, in-place calibration of the
two masked matrices, loss as a ratio of sums), except that excluded cells are
masked (``sentinel=None``) unless the released sentinel value is asked for.
"""
import math

import torch


def reference_fncc(z1, z2, tau=0.5, threshold=0.9, alpha=1.0,
                   fnsd_scope='batch', candidate_scope='upper',
                   compare_space='exp', sentinel=None, valid=None):
    """Return (loss, fired pairs) for one process holding the whole batch."""
    z = torch.cat([z1, z2]).double()
    z = z / z.norm(dim=1, keepdim=True)
    rows = len(z)
    n = rows // 2
    valid = [True] * n if valid is None else [bool(v) for v in valid]
    valid2 = valid + valid
    sim = torch.exp(z @ z.T / tau)
    s = sim.detach().tolist()

    def pos(i):
        return (i + n) % rows

    pmask = [[0.0] * rows for _ in range(rows)]
    nmask = [[0.0] * rows for _ in range(rows)]
    for i in range(rows):
        for j in range(rows):
            if valid2[i] and valid2[j] and j != i:
                if j == pos(i):
                    pmask[i][j] = 1.0
                else:
                    nmask[i][j] = 1.0

    def value(i, j):
        return s[i][j] if compare_space == 'exp' else tau * math.log(s[i][j])

    excluded = math.inf if sentinel is None else sentinel
    diff = [[excluded] * rows for _ in range(rows)]
    for i in range(rows):
        for j in range(rows):
            if nmask[i][j] and (candidate_scope == 'all' or j >= i):
                diff[i][j] = abs(value(i, j) - value(i, pos(i)))
    if fnsd_scope == 'batch':
        low = min(min(row) for row in diff)
        picked = [(i, j) for i in range(rows) for j in range(rows)
                  if diff[i][j] == low and low != math.inf]
    else:
        picked = [(i, j) for i in range(rows) for j in range(rows)
                  if diff[i][j] == min(diff[i]) and diff[i][j] != math.inf]

    fired = []
    for a, m in picked:
        cos_ap = tau * math.log(s[a][pos(a)])
        if cos_ap >= threshold:
            if pmask[a][m] == 0:
                pmask[a][m] = alpha * nmask[a][m]
            if nmask[a][m] != 0:
                nmask[a][m] = (1 - alpha) * nmask[a][m]
            fired.append((a, m))

    a_pos = sim * torch.tensor(pmask, dtype=torch.float64)
    a_neg = sim * torch.tensor(nmask, dtype=torch.float64)
    terms = []
    for i in range(rows):
        if valid2[i] and sum(valid2) > 2:
            num = a_pos[i].sum()
            terms.append(-torch.log(num / (num + a_neg[i].sum())))
    loss = torch.stack(terms).mean() if terms else sim.sum() * 0
    return loss, fired


def make_batch(num=5, dim=16, close=(0, 1), close_cos=0.75, noise=0.06,
               seed=0):
    """Two views per image: tight positives (cosine about 0.95), images far
    apart except the pair ``close``, whose cosine is about ``close_cos``."""
    gen = torch.Generator().manual_seed(seed)
    # Gram-Schmidt: the same numbers on every rank of the distributed test,
    # whatever LAPACK build a process uses
    base = torch.randn(num, dim, generator=gen, dtype=torch.float64)
    for i in range(num):
        base[i] -= base[:i].T @ (base[:i] @ base[i])
        base[i] /= base[i].norm()
    if close is not None:
        a, b = close
        base[b] = close_cos * base[a] + math.sqrt(1 - close_cos**2) * base[b]
    views = [base + noise * torch.randn(num, dim, generator=gen,
                                        dtype=torch.float64)
             for _ in range(2)]
    scale = 1 + torch.rand(num, 1, generator=gen, dtype=torch.float64)
    return views[0] * scale, views[1]
