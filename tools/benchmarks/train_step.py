"""One GLCNet pretraining step (forward, backward, Adam) in images/s.

An "image" is one training sample, i.e. one pair of views, which is how the
reference's figure (0.93 images/s, ResNet-50, batch 4, 2 CPU threads) was
counted. Inputs are random uint8 tiles with P matched windows, so the
measurement needs no data on disk and excludes the data pipeline (see the
``views`` benchmark for that).
"""
import argparse
import os.path as osp
import time
from typing import Dict

import torch
from mmengine.config import Config
from mmengine.logging import MMLogger
from mmengine.model import revert_sync_batchnorm
from mmpretrain.registry import MODELS
from mmpretrain.structures import DataSample

import grsim_mm  # noqa: F401

REPO_ROOT = osp.dirname(osp.dirname(osp.dirname(osp.abspath(__file__))))
DEFAULT_CONFIG = osp.join(REPO_ROOT, 'configs', '_base_', 'models',
                          'glcnet_r50-os16.py')


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument('--config', default=DEFAULT_CONFIG,
                        help='config whose `model` is benchmarked')
    parser.add_argument('--batch-size', type=int, default=8)
    parser.add_argument('--crop-size', type=int, default=224)
    parser.add_argument('--num-windows', type=int, default=4)
    parser.add_argument('--window-size', type=int, default=48)
    parser.add_argument('--device', default='cpu')
    parser.add_argument('--num-threads', type=int, default=None,
                        help='torch intra-op threads (default: unchanged)')
    parser.add_argument('--warmup', type=int, default=1)
    parser.add_argument('--iters', type=int, default=3)
    parser.add_argument('--concat-views', action='store_true',
                        help='run both views as one batch')
    parser.add_argument('--channels-last', action='store_true',
                        help='use the channels-last memory format')
    parser.add_argument('--amp', action='store_true',
                        help='bfloat16 autocast (accelerators)')


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


def run(args: argparse.Namespace) -> Dict[str, float]:
    if args.num_threads:
        torch.set_num_threads(args.num_threads)
    device = torch.device(args.device)
    if device.type == 'cuda':
        torch.backends.cudnn.benchmark = True
    # keep the per-parameter initialisation report out of the output
    MMLogger.get_instance('train_step_benchmark', log_level='WARNING')
    model_cfg = Config.fromfile(args.config).model
    model_cfg.concat_views = args.concat_views
    torch.manual_seed(0)
    model = revert_sync_batchnorm(MODELS.build(model_cfg)).to(device)
    model.init_weights()
    model.train()
    memory_format = (
        torch.channels_last if args.channels_last else torch.contiguous_format)
    model = model.to(memory_format=memory_format)
    optimizer = torch.optim.Adam(
        model.parameters(), lr=1e-3, betas=(0.9, 0.99), weight_decay=1e-5)
    in_channels = len(model_cfg.data_preprocessor.mean)
    batch = _synthetic_batch(args, in_channels)

    def step() -> float:
        data = model.data_preprocessor(batch, training=True)
        data['inputs'] = [
            x.contiguous(memory_format=memory_format) for x in data['inputs']
        ]
        with torch.autocast(device.type, dtype=torch.bfloat16,
                            enabled=args.amp):
            losses = model(**data, mode='loss')
        loss = sum(losses.values())
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        optimizer.step()
        return loss.item()  # synchronises accelerators

    for _ in range(args.warmup):
        step()
    times, cpu_times = [], []
    for _ in range(args.iters):
        start, cpu_start = time.perf_counter(), time.process_time()
        step()
        times.append(time.perf_counter() - start)
        cpu_times.append(time.process_time() - cpu_start)
    mean = sum(times) / len(times)
    # CPU seconds per step are robust to other processes sharing the cores;
    # divided by the thread count they bound the wall time on idle cores.
    cpu_mean = sum(cpu_times) / len(cpu_times)
    return dict(
        images_per_s=round(args.batch_size / mean, 3),
        step_s_mean=round(mean, 3),
        step_s_min=round(min(times), 3),
        cpu_s_per_step=round(cpu_mean, 3),
        batch_size=args.batch_size,
        crop_size=args.crop_size,
        threads=torch.get_num_threads(),
        device=str(device),
        params_m=round(sum(p.numel() for p in model.parameters()) / 1e6, 2))
