"""Cost of the position-aware contrastive losses over NT-Xent.

Times forward + backward of ``NTXentLoss``, ``MultiPositiveInfoNCELoss`` and
``GeoFeatureCorrectedNTXentLoss`` on the same random embeddings, one after
the other inside each timed round, so that a machine whose speed drifts
affects all alike. ``MultiPositiveInfoNCELoss`` is timed twice: on the two
views alone (the cost of the loss form) and with ``--relaxed`` extra
positive rows per sample (what RiSSNet feeds it: ``(2 + k) * B`` rows).
Ratios are the medians over NT-Xent's median. The network is not included;
the step-time ratios of whole methods belong to ``train-step``.
"""
import argparse
import statistics
import time
from typing import Callable, Dict

import torch

from grsim_mm.models.losses import (GeoFeatureCorrectedNTXentLoss,
                                    MultiPositiveInfoNCELoss, NTXentLoss)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument('--batch-size', type=int, default=256,
                        help='samples (pairs of views) per step')
    parser.add_argument('--dim', type=int, default=128,
                        help='embedding width')
    parser.add_argument('--relaxed', type=int, default=2,
                        help='relaxed positives per sample (RiSSNet top-k)')
    parser.add_argument('--scenes', type=int, default=24,
                        help='scenes the batch is drawn from')
    parser.add_argument('--device', default='cpu')
    parser.add_argument('--num-threads', type=int, default=None,
                        help='torch intra-op threads (default: unchanged)')
    parser.add_argument('--warmup', type=int, default=3)
    parser.add_argument('--iters', type=int, default=20,
                        help='timed rounds; the median is reported')


def _steps(args: argparse.Namespace,
           device: torch.device) -> Dict[str, Callable[[], None]]:
    gen = torch.Generator().manual_seed(0)
    b, k = args.batch_size, args.relaxed

    def leaf(rows: int) -> torch.Tensor:
        return torch.randn(rows, args.dim, generator=gen).to(
            device).requires_grad_()

    z1, z2, extra = leaf(b), leaf(b), leaf(k * b)
    # Potsdam-like positions: 6000 px scenes, centres in scene pixels
    centres = (torch.rand(b, 2, generator=gen, dtype=torch.float64) *
               6000).to(device)
    frames = torch.randint(0, args.scenes, (b, ), generator=gen).to(device)
    sample = torch.arange(b, device=device)
    pair_ids = torch.cat([sample, sample])
    relaxed_ids = torch.cat([pair_ids, sample.repeat_interleave(k)])
    eye2 = torch.eye(2 * b, dtype=torch.bool, device=device)
    eyek = torch.eye((2 + k) * b, dtype=torch.bool, device=device)
    pair_mask = (pair_ids[:, None] == pair_ids[None]) & ~eye2
    relaxed_mask = (relaxed_ids[:, None] == relaxed_ids[None]) & ~eyek

    nt_xent = NTXentLoss()
    multi = MultiPositiveInfoNCELoss()
    geo = {
        mode: GeoFeatureCorrectedNTXentLoss(geo_radius=1024., mode=mode)
        for mode in ('remove', 'reweight')
    }

    def backward(loss: torch.Tensor) -> None:
        loss.backward()
        if device.type == 'cuda':
            torch.cuda.synchronize()

    return {
        'nt_xent': lambda: backward(nt_xent(z1, z2)),
        'multi_positive_pairs':
        lambda: backward(multi(torch.cat([z1, z2]), pair_mask)),
        f'multi_positive_k{k}':
        lambda: backward(multi(torch.cat([z1, z2, extra]), relaxed_mask)),
        'geo_remove':
        lambda: backward(geo['remove'](z1, z2, centres, frames)),
        'geo_reweight':
        lambda: backward(geo['reweight'](z1, z2, centres, frames)),
    }


def run(args: argparse.Namespace) -> dict:
    if args.num_threads:
        torch.set_num_threads(args.num_threads)
    device = torch.device(args.device)
    steps = _steps(args, device)
    for step in steps.values():
        for _ in range(args.warmup):
            step()
    times = {name: [] for name in steps}
    for _ in range(args.iters):
        for name, step in steps.items():
            start = time.perf_counter()
            step()
            times[name].append(time.perf_counter() - start)
    base = statistics.median(times['nt_xent'])
    result = {}
    for name, values in times.items():
        median = statistics.median(values)
        result[f'{name}_ms'] = round(1e3 * median, 3)
        if name != 'nt_xent':
            result[f'{name}_vs_nt_xent'] = round(median / base, 2)
    result.update(
        batch_size=args.batch_size,
        dim=args.dim,
        threads=torch.get_num_threads(),
        device=str(device))
    return result
