"""Options every timed-step benchmark shares."""
import argparse


def add_timing_arguments(parser: argparse.ArgumentParser, warmup: int,
                         iters: int, iters_help: str,
                         amp: bool = False) -> None:
    """``--device``, ``--num-threads``, ``--warmup``, ``--iters`` and, where
    the benchmark can autocast, ``--amp``."""
    parser.add_argument('--device', default='cpu')
    parser.add_argument('--num-threads', type=int, default=None,
                        help='torch intra-op threads (default: unchanged)')
    parser.add_argument('--warmup', type=int, default=warmup)
    parser.add_argument('--iters', type=int, default=iters, help=iters_help)
    if amp:
        parser.add_argument('--amp', action='store_true',
                            help='bfloat16 autocast (accelerators)')
