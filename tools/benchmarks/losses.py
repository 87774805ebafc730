"""The contrastive losses over NT-Xent: forward + backward time on the same
embeddings (also run as ``contrastive-losses``, its former name).

``NTXentLoss`` is the base. ``FNCCLoss`` (FALSE) adds a selection step
(difference matrix, minimum, threshold) that the released code runs as a
Python loop over the rows with a host synchronisation per row; here it is a
few batched tensor operations, with a target of at most 1.5x NT-Xent at
2B = 512 embeddings; 'batch' and 'per_anchor' selection are timed.
``MultiPositiveInfoNCELoss`` is timed on the two views alone (the cost of
the loss form) and with ``--relaxed`` extra positive rows per sample (what
RiSSNet feeds it: ``(2 + k) * B`` rows). ``GeoFeatureCorrectedNTXentLoss``
(GFCNet) is timed in both modes with Potsdam-like positions. The losses are
timed alternately, in a rotating order, so that drifting machine speed
affects all alike; medians are reported, and their ratios over NT-Xent's.
The network is not included: whole-step ratios belong to ``train-step``
and ``grass-step``.
"""
import argparse
import statistics
import time
from typing import Callable, Dict, List

import torch

from .common import add_timing_arguments


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument('--batch-size', type=int, default=256,
                        help='images B; the losses see 2B embeddings')
    parser.add_argument('--dim', type=int, default=128,
                        help='embedding size (the released projector: 128)')
    parser.add_argument('--relaxed', type=int, default=2,
                        help='relaxed positives per sample (RiSSNet top-k)')
    parser.add_argument('--scenes', type=int, default=24,
                        help='scenes the batch is drawn from')
    add_timing_arguments(
        parser, warmup=5, iters=30,
        iters_help='timed rounds; medians reported')
    parser.add_argument('--seed', type=int, default=0)


def paired_embeddings(batch_size: int, dim: int, device: str,
                      seed: int) -> List[torch.Tensor]:
    """Two views per image: correlated, as a projector's outputs are."""
    gen = torch.Generator().manual_seed(seed)
    z1 = torch.randn(batch_size, dim, generator=gen)
    z2 = z1 + 0.5 * torch.randn(batch_size, dim, generator=gen)
    return [z.to(device) for z in (z1, z2)]


def _losses(args: argparse.Namespace,
            device: torch.device) -> Dict[str, Callable[[], torch.Tensor]]:
    """Name -> a call computing that loss on fresh leaves of the same
    embeddings."""
    from grsim_mm.models.losses import (FNCCLoss,
                                        GeoFeatureCorrectedNTXentLoss,
                                        MultiPositiveInfoNCELoss, NTXentLoss)
    b, k = args.batch_size, args.relaxed
    z1, z2 = paired_embeddings(b, args.dim, device, args.seed)
    gen = torch.Generator().manual_seed(args.seed + 1)
    extra = torch.randn(k * b, args.dim, generator=gen).to(device)
    # Potsdam-like positions: 6000 px scenes, centres in scene pixels
    centres = (torch.rand(b, 2, generator=gen, dtype=torch.float64) *
               6000).to(device)
    frames = torch.randint(0, args.scenes, (b, ), generator=gen).to(device)
    sample = torch.arange(b, device=device)
    pair_ids = torch.cat([sample, sample])
    relaxed_ids = torch.cat([pair_ids, sample.repeat_interleave(k)])
    pair_mask = (pair_ids[:, None] == pair_ids[None]) & ~torch.eye(
        2 * b, dtype=torch.bool, device=device)
    relaxed_mask = (relaxed_ids[:, None] == relaxed_ids[None]) & ~torch.eye(
        (2 + k) * b, dtype=torch.bool, device=device)

    def leaf(z: torch.Tensor) -> torch.Tensor:
        return z.detach().requires_grad_()

    nt_xent = NTXentLoss(temperature=0.5)
    fncc = {scope: FNCCLoss(fnsd_scope=scope)
            for scope in ('batch', 'per_anchor')}
    multi = MultiPositiveInfoNCELoss()
    geo = {mode: GeoFeatureCorrectedNTXentLoss(geo_radius=1024., mode=mode)
           for mode in ('remove', 'reweight')}
    return {
        'nt_xent': lambda: nt_xent(leaf(z1), leaf(z2)),
        'fncc_batch': lambda: fncc['batch'](leaf(z1), leaf(z2)),
        'fncc_per_anchor': lambda: fncc['per_anchor'](leaf(z1), leaf(z2)),
        'multi_positive_pairs':
        lambda: multi(leaf(torch.cat([z1, z2])), pair_mask),
        f'multi_positive_k{k}':
        lambda: multi(leaf(torch.cat([z1, z2, extra])), relaxed_mask),
        'geo_remove':
        lambda: geo['remove'](leaf(z1), leaf(z2), centres, frames),
        'geo_reweight':
        lambda: geo['reweight'](leaf(z1), leaf(z2), centres, frames),
    }


def time_step(loss_fn: Callable[[], torch.Tensor],
              device: torch.device) -> float:
    """Seconds of one forward and backward of ``loss_fn``."""
    if device.type == 'cuda':
        torch.cuda.synchronize()
    start = time.perf_counter()
    loss_fn().backward()
    if device.type == 'cuda':
        torch.cuda.synchronize()
    return time.perf_counter() - start


def time_alternately(losses: Dict[str, Callable[[], torch.Tensor]],
                     device: torch.device, warmup: int,
                     iters: int) -> Dict[str, float]:
    """Median seconds per loss, the losses interleaved in rotating order."""
    names = list(losses)
    times = {name: [] for name in names}
    for step in range(warmup + iters):
        shift = step % len(names)
        for name in names[shift:] + names[:shift]:
            seconds = time_step(losses[name], device)
            if step >= warmup:
                times[name].append(seconds)
    return {name: statistics.median(values) for name, values in times.items()}


def run(args: argparse.Namespace) -> dict:
    if args.num_threads:
        torch.set_num_threads(args.num_threads)
    device = torch.device(args.device)
    medians = time_alternately(_losses(args, device), device, args.warmup,
                               args.iters)
    base = medians['nt_xent']
    result = {f'{name}_ms': round(1e3 * sec, 3)
              for name, sec in medians.items()}
    result.update({
        f'{name}_over_nt_xent': round(sec / base, 2)
        for name, sec in medians.items() if name != 'nt_xent'
    })
    result['embeddings'] = f'2B={2 * args.batch_size} x {args.dim}'
    result['threads'] = torch.get_num_threads()
    result['device'] = (torch.cuda.get_device_name(device)
                        if device.type == 'cuda' else str(device))
    return result
