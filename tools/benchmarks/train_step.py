"""One GLCNet pretraining step (forward, backward, Adam) in images/s.

An "image" is one training sample, i.e. one pair of views; ``views_per_s``
counts each view. Inputs are random uint8 tiles with P matched windows, so
the measurement needs no data on disk and excludes the data pipeline (see
the ``views`` benchmark for that).

``--implementation reference`` times the network as the authors' code builds
it (``glcnet_reference.py``) with the same inputs, loss and optimiser, and
``both`` alternates the two step by step, so that a machine whose speed
drifts (a shared VM) affects both alike.
"""
import argparse
import os.path as osp
import statistics
import time
from typing import Callable, Dict, List

import torch
from mmengine.config import Config
from mmengine.logging import MMLogger
from mmengine.model import revert_sync_batchnorm
from mmpretrain.registry import MODELS
from mmpretrain.structures import DataSample

import grsim_mm  # noqa: F401
from grsim_mm.models.losses import DecoupledNTXentLoss

from .common import add_timing_arguments
from .glcnet_reference import GLCNetReference

REPO_ROOT = osp.dirname(osp.dirname(osp.dirname(osp.abspath(__file__))))
DEFAULT_CONFIG = osp.join(REPO_ROOT, 'configs', '_base_', 'models',
                          'glcnet_r50-os16.py')


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument('--config', default=DEFAULT_CONFIG,
                        help='config whose `model` is benchmarked')
    parser.add_argument('--implementation', default='grsim_mm',
                        choices=['grsim_mm', 'reference', 'both'],
                        help='this toolbox, the reference network, or both '
                        'alternately')
    parser.add_argument('--batch-size', type=int, default=8)
    parser.add_argument('--crop-size', type=int, default=224)
    parser.add_argument('--num-windows', type=int, default=4)
    parser.add_argument('--window-size', type=int, default=48)
    add_timing_arguments(
        parser, warmup=1, iters=5,
        iters_help='timed steps; the median is reported',
        amp=True)
    parser.add_argument('--concat-views', action='store_true',
                        help='run both views as one batch')
    parser.add_argument('--channels-last', action='store_true',
                        help='use the channels-last memory format')


def _synthetic_batch(args: argparse.Namespace, in_channels: int) -> dict:
    gen = torch.Generator().manual_seed(0)
    shape = (args.batch_size, in_channels, args.crop_size, args.crop_size)
    views = [torch.randint(0, 256, shape, generator=gen, dtype=torch.uint8)
             for _ in range(2)]
    samples = []
    high = args.crop_size - args.window_size + 1
    for _ in range(args.batch_size):
        xy = torch.randint(0, high, (args.num_windows, 2, 2), generator=gen)
        windows = torch.cat([xy, xy + args.window_size], -1).float()
        sample = DataSample()
        sample.set_field(windows, 'windows')
        sample.set_field(
            torch.ones(args.num_windows, dtype=torch.bool), 'window_valid')
        samples.append(sample)
    return dict(inputs=views, data_samples=samples)


def _adam(model: torch.nn.Module) -> torch.optim.Optimizer:
    return torch.optim.Adam(
        model.parameters(), lr=1e-3, betas=(0.9, 0.99), weight_decay=1e-5)


def _grsim_mm_step(model_cfg: Config, args: argparse.Namespace,
                   device: torch.device,
                   batch: dict) -> Callable[[], torch.Tensor]:
    model_cfg.concat_views = args.concat_views
    torch.manual_seed(0)
    model = revert_sync_batchnorm(MODELS.build(model_cfg)).to(device)
    model.init_weights()
    model.train()
    memory_format = (
        torch.channels_last if args.channels_last else torch.contiguous_format)
    model = model.to(memory_format=memory_format)
    optimizer = _adam(model)

    def forward() -> torch.Tensor:
        data = model.data_preprocessor(batch, training=True)
        data['inputs'] = [
            x.contiguous(memory_format=memory_format) for x in data['inputs']
        ]
        return sum(model(**data, mode='loss').values())

    return _with_backward(forward, optimizer, device, args.amp)


def _reference_step(args: argparse.Namespace, device: torch.device,
                    batch: dict) -> Callable[[], torch.Tensor]:
    in_channels = batch['inputs'][0].shape[1]
    torch.manual_seed(0)
    model = GLCNetReference(in_channels, window_size=args.window_size)
    model = model.to(device).train()
    optimizer = _adam(model)
    loss = DecoupledNTXentLoss(temperature=0.5)
    windows = torch.stack([s.windows for s in batch['data_samples']])
    windows = windows.to(device)

    def forward() -> torch.Tensor:
        # the reference maps every band as x / 255 * 3.2 - 1.6
        views = [(v.to(device).float() / 255 * 3.2 - 1.6)
                 for v in batch['inputs']]
        q, k, q1, k1 = model(views, windows)
        return 0.5 * loss(q, k) + 0.5 * loss(q1, k1)

    return _with_backward(forward, optimizer, device, args.amp)


def _with_backward(forward: Callable[[], torch.Tensor],
                   optimizer: torch.optim.Optimizer, device: torch.device,
                   amp: bool) -> Callable[[], float]:

    def step() -> float:
        with torch.autocast(device.type, dtype=torch.bfloat16, enabled=amp):
            loss = forward()
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        optimizer.step()
        return loss.item()  # synchronises accelerators

    return step


def _summary(args: argparse.Namespace, times: List[float],
             cpu_times: List[float]) -> Dict[str, float]:
    median = statistics.median(times)
    return dict(
        images_per_s=round(args.batch_size / median, 3),
        views_per_s=round(2 * args.batch_size / median, 3),
        step_s_median=round(median, 3),
        step_s_min=round(min(times), 3),
        # CPU seconds per step are robust to other processes sharing the
        # cores; divided by the thread count they bound the wall time on
        # idle cores.
        cpu_s_per_step=round(statistics.median(cpu_times), 3))


def run(args: argparse.Namespace) -> Dict[str, float]:
    if args.num_threads:
        torch.set_num_threads(args.num_threads)
    device = torch.device(args.device)
    if device.type == 'cuda':
        torch.backends.cudnn.benchmark = True
    # keep the per-parameter initialisation report out of the output
    MMLogger.get_instance('train_step_benchmark', log_level='WARNING')
    model_cfg = Config.fromfile(args.config).model
    batch = _synthetic_batch(args, len(model_cfg.data_preprocessor.mean))
    names = (['grsim_mm', 'reference']
             if args.implementation == 'both' else [args.implementation])
    builders = dict(
        grsim_mm=lambda: _grsim_mm_step(model_cfg, args, device, batch),
        reference=lambda: _reference_step(args, device, batch))
    steps = {name: builders[name]() for name in names}
    for step in steps.values():
        for _ in range(args.warmup):
            step()
    times = {name: [] for name in names}
    cpu_times = {name: [] for name in names}
    for _ in range(args.iters):
        for name, step in steps.items():
            start, cpu_start = time.perf_counter(), time.process_time()
            step()
            times[name].append(time.perf_counter() - start)
            cpu_times[name].append(time.process_time() - cpu_start)
    result = {}
    for name in names:
        summary = _summary(args, times[name], cpu_times[name])
        prefix = f'{name}_' if len(names) > 1 else ''
        result.update({prefix + key: value for key, value in summary.items()})
    if len(names) > 1:
        result['speedup'] = round(
            statistics.median(times['reference']) /
            statistics.median(times['grsim_mm']), 3)
    result.update(
        batch_size=args.batch_size,
        crop_size=args.crop_size,
        threads=torch.get_num_threads(),
        device=str(device))
    return result
