"""Options and config loading every timed-step benchmark shares."""
import argparse

from mmengine.config import Config, ConfigDict


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


def model_config(path: str) -> ConfigDict:
    """The model of the config at ``path`` with the dataset setting's data
    preprocessor, as the runner builds it (a model's own one is kept)."""
    cfg = Config.fromfile(path)
    model = cfg.model
    model.setdefault('data_preprocessor', cfg.data_preprocessor)
    return model
