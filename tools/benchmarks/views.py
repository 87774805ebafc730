"""PairedViews view-pair generation: samples/s on one CPU core.

Times the default ``PairedViews`` (two 224 px views and 4 window pairs, the
reference's augmentation) on a tile held in memory, the way the reference's
figure (about 85 samples/s per core) was taken. The process is pinned to one
core and OpenCV and torch run single-threaded, so the number is the
per-worker throughput of a DataLoader.
"""
import argparse
import os
import platform
import time

import cv2
import numpy as np
import torch

REFERENCE_SAMPLES_PER_S = 85.0


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument('--tile-size', type=int, default=256)
    parser.add_argument('--bands', type=int, default=4)
    parser.add_argument('--dtype', default='uint8',
                        choices=['uint8', 'uint16', 'float32'])
    parser.add_argument('--crop-size', type=int, default=224)
    parser.add_argument('--num-windows', type=int, default=4)
    parser.add_argument('--samples', type=int, default=3000,
                        help='timed samples (after 100 warm-up ones)')
    parser.add_argument('--repeats', type=int, default=3,
                        help='timed runs; the best is reported')
    parser.add_argument('--num-threads', type=int, default=1,
                        help='cv2 and torch threads')
    parser.add_argument('--no-pin', action='store_true',
                        help='do not pin the process to one CPU core')
    parser.add_argument('--seed', type=int, default=0)


def run(args: argparse.Namespace) -> dict:
    from mmpretrain.registry import TRANSFORMS

    import grsim_mm  # noqa: F401  (registers PairedViews)

    if not args.no_pin and hasattr(os, 'sched_setaffinity'):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    cv2.setNumThreads(args.num_threads)
    torch.set_num_threads(args.num_threads)

    transform = TRANSFORMS.build(
        dict(type='PairedViews', crop_size=args.crop_size,
             num_windows=args.num_windows))
    rng = np.random.default_rng(args.seed)
    dtype = np.dtype(args.dtype)
    high = 1. if dtype.kind == 'f' else np.iinfo(dtype).max
    tile = (rng.random((args.tile_size, args.tile_size, args.bands)) *
            high).astype(dtype)

    np.random.seed(args.seed)
    for _ in range(100):
        transform(dict(img=tile))
    # Wall time is what a worker delivers on an idle core; process CPU time
    # is robust to other jobs competing for the core.
    best_wall = best_cpu = float('inf')
    valid = 0
    for _ in range(args.repeats):
        wall, cpu = time.perf_counter(), time.process_time()
        for _ in range(args.samples):
            valid += transform(dict(img=tile))['window_valid'].all()
        best_wall = min(best_wall, time.perf_counter() - wall)
        best_cpu = min(best_cpu, time.process_time() - cpu)
    rate = args.samples / best_wall
    return dict(
        samples_per_s=round(rate, 1),
        samples_per_cpu_s=round(args.samples / best_cpu, 1),
        ms_per_sample=round(1e3 * best_wall / args.samples, 3),
        vs_reference=f'{rate / REFERENCE_SAMPLES_PER_S:.2f}x '
        f'(reference {REFERENCE_SAMPLES_PER_S:.0f}/s)',
        all_pairs_valid=f'{valid}/{args.samples * args.repeats}',
        tile=f'{args.tile_size}x{args.tile_size}x{args.bands} {args.dtype}',
        cores=len(os.sched_getaffinity(0))
        if hasattr(os, 'sched_getaffinity') else None,
        cpu=platform.processor() or platform.machine(),
        opencv=cv2.__version__,
    )
