"""Model-guided sample selection: embed a candidate pool with a pretrained
backbone, cluster the embeddings and draw evenly across the clusters.

G-RSIM's "model guided sampling" keeps a pretraining set representative
(every cluster of the feature space is drawn from) and homogeneous (no
cluster dominates). ``tools/select_samples.py`` is the command.
"""
from typing import Dict, List, Optional, Sequence, Tuple

import numpy as np
import torch
from mmengine.utils import ProgressBar

from grsim_mm.datasets.raster_io import read_raster

WITHIN = ('random', 'nearest')


def even_quotas(sizes: Sequence[int], total: int) -> np.ndarray:
    """As-even-as-possible draw counts per cluster (max-min fair).

    Every cluster gets ``min(size, level)`` for the highest level that fits
    into ``total``; the few draws left go one each to the largest clusters
    that still have members (ties to the lower cluster index).
    """
    sizes = np.asarray(sizes, np.int64)
    if total > sizes.sum():
        raise ValueError(f'cannot select {total} samples from a pool of '
                         f'{int(sizes.sum())}')
    lo, hi = 0, int(sizes.max(initial=0))
    while lo < hi:  # the highest level whose total fits
        mid = (lo + hi + 1) // 2
        if np.minimum(sizes, mid).sum() <= total:
            lo = mid
        else:
            hi = mid - 1
    quotas = np.minimum(sizes, lo)
    left = total - int(quotas.sum())
    open_ = np.flatnonzero(sizes > quotas)
    order = open_[np.lexsort((open_, -sizes[open_]))]
    quotas[order[:left]] += 1
    return quotas


def select_evenly(embeddings: np.ndarray,
                  size: int,
                  num_clusters: int,
                  within: str = 'random',
                  seed: int = 0) -> Tuple[np.ndarray, np.ndarray]:
    """Cluster ``embeddings`` with k-means and pick ``size`` of them evenly
    across the clusters.

    Args:
        embeddings: ``(N, D)`` features of the candidate pool.
        size: Number of samples to select.
        num_clusters: k of k-means.
        within: How a cluster's members are picked: ``'random'`` (seeded)
            or ``'nearest'`` to the cluster centre first.
        seed: Seed of k-means and of the random picks.

    Returns:
        The sorted indices of the selected samples and every sample's
        cluster label.
    """
    from sklearn.cluster import KMeans
    if within not in WITHIN:
        raise ValueError(f'within must be one of {WITHIN}, got {within!r}')
    x = np.asarray(embeddings, np.float64)
    if not 1 <= num_clusters <= len(x):
        raise ValueError(f'num_clusters={num_clusters} must lie in 1..'
                         f'{len(x)} (the pool size)')
    kmeans = KMeans(n_clusters=num_clusters, n_init=10, random_state=seed)
    labels = kmeans.fit_predict(x)
    quotas = even_quotas(np.bincount(labels, minlength=num_clusters), size)
    rng = np.random.default_rng(seed)
    picked: List[np.ndarray] = []
    for k, quota in enumerate(quotas):
        members = np.flatnonzero(labels == k)
        if within == 'random':
            members = rng.permutation(members)
        else:
            dist = ((x[members] - kmeans.cluster_centers_[k])**2).sum(1)
            members = members[np.argsort(dist, kind='stable')]
        picked.append(members[:quota])
    return np.sort(np.concatenate(picked)), labels


def backbone_state(checkpoint: Dict,
                   prefix: Optional[str] = None,
                   source: str = 'checkpoint') -> Dict[str, torch.Tensor]:
    """The backbone tensors of a toolbox checkpoint, prefix stripped.

    ``prefix`` None takes ``'backbone.'`` when such keys exist (toolbox
    pretraining, classifier and segmentor checkpoints) and the keys as they
    are otherwise (torchvision-style backbone weights).
    """
    state = checkpoint.get('state_dict', checkpoint)
    if prefix is None:
        prefix = ('backbone.' if any(k.startswith('backbone.')
                                     for k in state) else '')
    out = {
        k[len(prefix):]: v
        for k, v in state.items() if k.startswith(prefix)
    }
    if not out:
        raise KeyError(f'{source}: no keys start with {prefix!r}; give the '
                       'prefix of the backbone weights')
    return out


def load_backbone(backbone: torch.nn.Module,
                  state: Dict[str, torch.Tensor],
                  source: str = 'checkpoint') -> None:
    """Load every backbone tensor or fail, naming what is missing."""
    result = backbone.load_state_dict(state, strict=False)
    if result.missing_keys:
        shown = ', '.join(result.missing_keys[:5])
        raise KeyError(
            f'{source}: {len(result.missing_keys)} backbone tensors are '
            f'missing ({shown}...); check the backbone arguments and prefix')


@torch.no_grad()
def embed_images(backbone: torch.nn.Module,
                 paths: Sequence[str],
                 mean: Sequence[float],
                 std: Sequence[float],
                 bands: Optional[Sequence[int]] = None,
                 batch_size: int = 16,
                 progress: bool = True) -> np.ndarray:
    """Global-average-pooled last-stage features of every image.

    Images are read with rasterio (any band count), normalised per band with
    ``mean`` and ``std`` (those of the pretraining's data preprocessor) and
    batched while consecutive images share a shape.

    Returns:
        ``(len(paths), channels)`` float32 embeddings.
    """
    backbone.eval()
    mean_t = torch.tensor(mean, dtype=torch.float32)[:, None, None]
    std_t = torch.tensor(std, dtype=torch.float32)[:, None, None]
    bar = ProgressBar(len(paths)) if progress else None
    feats: List[np.ndarray] = []
    batch: List[torch.Tensor] = []

    def flush() -> None:
        out = backbone(torch.stack(batch))
        last = out[-1] if isinstance(out, (tuple, list)) else out
        feats.append(last.mean((2, 3)).numpy())
        batch.clear()

    for path in paths:
        data, _ = read_raster(path, bands)
        if data.shape[0] != len(mean):
            raise ValueError(f'{path}: has {data.shape[0]} bands but mean '
                             f'and std give {len(mean)}')
        img = (torch.from_numpy(data.astype(np.float32)) - mean_t) / std_t
        if batch and (img.shape != batch[0].shape or len(batch) == batch_size):
            flush()
        batch.append(img)
        if bar is not None:
            bar.update()
    if batch:
        flush()
    return np.concatenate(feats)
