"""FNCCLoss over NTXentLoss: forward + backward time on the same embeddings.

FALSE's loss adds a selection step (difference matrix, minimum, threshold)
to the non-decoupled NT-Xent it is built on. The released code loops over
the rows in Python with a host synchronisation per row; ``FNCCLoss`` does it
in a few batched tensor operations, and the target is at most 1.5x the time
of ``NTXentLoss`` at 2B = 512 embeddings. The losses are timed alternately,
in a rotating order, so that drifting machine speed affects all alike; the
median of each is reported.
"""
import argparse
import statistics
import time
from typing import Callable, Dict, List

import torch


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument('--batch-size', type=int, default=256,
                        help='images B; the losses see 2B embeddings')
    parser.add_argument('--dim', type=int, default=128,
                        help='embedding size (the released projector: 128)')
    parser.add_argument('--device', default='cpu')
    parser.add_argument('--num-threads', type=int, default=None,
                        help='torch intra-op threads (default: unchanged)')
    parser.add_argument('--warmup', type=int, default=5)
    parser.add_argument('--iters', type=int, default=50,
                        help='timed calls of each loss; medians reported')
    parser.add_argument('--seed', type=int, default=0)


def paired_embeddings(batch_size: int, dim: int, device: str,
                      seed: int) -> List[torch.Tensor]:
    """Two views per image: correlated, as a projector's outputs are."""
    gen = torch.Generator().manual_seed(seed)
    z1 = torch.randn(batch_size, dim, generator=gen)
    z2 = z1 + 0.5 * torch.randn(batch_size, dim, generator=gen)
    return [z.to(device) for z in (z1, z2)]


def time_step(loss_fn: Callable, z1: torch.Tensor, z2: torch.Tensor,
              device: str) -> float:
    """Seconds of one forward and backward of ``loss_fn``."""
    a = z1.detach().requires_grad_()
    b = z2.detach().requires_grad_()
    if device.startswith('cuda'):
        torch.cuda.synchronize()
    start = time.perf_counter()
    loss_fn(a, b).backward()
    if device.startswith('cuda'):
        torch.cuda.synchronize()
    return time.perf_counter() - start


def time_alternately(losses: Dict[str, Callable], z1: torch.Tensor,
                     z2: torch.Tensor, device: str, warmup: int,
                     iters: int) -> Dict[str, float]:
    """Median seconds per loss, the losses interleaved in rotating order."""
    names = list(losses)
    times = {name: [] for name in names}
    for step in range(warmup + iters):
        shift = step % len(names)
        for name in names[shift:] + names[:shift]:
            seconds = time_step(losses[name], z1, z2, device)
            if step >= warmup:
                times[name].append(seconds)
    return {name: statistics.median(values) for name, values in times.items()}


def run(args: argparse.Namespace) -> dict:
    from grsim_mm.models.losses import FNCCLoss, NTXentLoss

    if args.num_threads:
        torch.set_num_threads(args.num_threads)
    z1, z2 = paired_embeddings(args.batch_size, args.dim, args.device,
                               args.seed)
    losses = {
        'nt_xent': NTXentLoss(temperature=0.5),
        'fncc_batch': FNCCLoss(),
        'fncc_per_anchor': FNCCLoss(fnsd_scope='per_anchor'),
    }
    medians = time_alternately(losses, z1, z2, args.device, args.warmup,
                               args.iters)
    base = medians['nt_xent']
    result = {f'{name}_ms': round(1e3 * sec, 3)
              for name, sec in medians.items()}
    result['fncc_batch_over_nt_xent'] = round(medians['fncc_batch'] / base, 2)
    result['fncc_per_anchor_over_nt_xent'] = round(
        medians['fncc_per_anchor'] / base, 2)
    result['embeddings'] = f'2B={2 * args.batch_size} x {args.dim}'
    result['threads'] = torch.get_num_threads()
    result['device'] = (torch.cuda.get_device_name(args.device)
                        if args.device.startswith('cuda') else args.device)
    return result
