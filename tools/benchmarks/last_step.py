"""One LaST pretraining step (forward, backward, clipping, AdamW) in images/s.

An "image" is one training sample with all its crops (by default DINO's 2
global crops of 224 px and 8 local crops of 96 px); ``crops_per_s`` counts
each crop. Inputs are random tensors already on the device, so the data
pipeline is excluded. The step is the one a run executes: the teacher's
EMA update and forward pass on the global crops, the student's on all
crops, the loss over all crop pairs, the backward pass, gradient clipping
at 3.0 and the AdamW update.
"""
import argparse
import statistics
import time
from typing import Callable, Dict, List, Tuple

import torch
from mmengine.logging import MessageHub, MMLogger
from mmpretrain.registry import MODELS

import grsim_mm  # noqa: F401

from .common import add_timing_arguments, model_config

BACKBONES = {
    # DINO's ViT-S/16: mmpretrain's 'deit-small' (384-d, 12 layers)
    'vit-s16': (dict(type='VisionTransformer', arch='deit-small',
                     img_size=224, patch_size=16, drop_path_rate=0.1,
                     out_type='cls_token'), None, 384),
    'swin-t': (dict(type='SwinTransformer', arch='tiny', img_size=224,
                    drop_path_rate=0.1, pad_small_map=True),
               dict(type='GlobalAveragePooling'), 768),
    'resnet50': (dict(type='ResNet', depth=50), dict(
        type='GlobalAveragePooling'), 2048),
}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument('--config',
                        help='config whose `model` is benchmarked (default: '
                        'the --backbone model with DINO\'s head)')
    parser.add_argument('--backbone', default='vit-s16',
                        choices=sorted(BACKBONES))
    parser.add_argument('--num-bands', type=int, default=4)
    parser.add_argument('--out-dim', type=int, default=65536,
                        help='prototypes K of the head')
    parser.add_argument('--batch-size', type=int, default=2)
    parser.add_argument('--num-local', type=int, default=8)
    parser.add_argument('--global-size', type=int, default=224)
    parser.add_argument('--local-size', type=int, default=96)
    add_timing_arguments(
        parser, warmup=1, iters=3,
        iters_help='timed steps; the median is reported',
        amp=True)


def _model_cfg(args: argparse.Namespace) -> dict:
    if args.config:
        return model_config(args.config)
    backbone, neck, channels = BACKBONES[args.backbone]
    return dict(
        type='LaST',
        backbone=dict(backbone, in_channels=args.num_bands),
        neck=neck,
        head=dict(type='SelfDistillHead', in_channels=channels,
                  out_dim=args.out_dim),
        data_preprocessor=dict(
            type='MultiBandSelfSupDataPreprocessor',
            mean=[0.] * args.num_bands, std=[1.] * args.num_bands))


def _step(args: argparse.Namespace,
          device: torch.device) -> Tuple[Callable[[], float], List[int]]:
    model_cfg = _model_cfg(args)
    num_bands = len(model_cfg['data_preprocessor']['mean'])
    torch.manual_seed(0)
    model = MODELS.build(model_cfg).to(device)
    model.init_weights()
    model.train()
    sizes = ([args.global_size] * model.num_global_crops +
             [args.local_size] * args.num_local)
    crops = [
        torch.randn(args.batch_size, num_bands, s, s, device=device)
        for s in sizes
    ]
    params = [p for p in model.parameters() if p.requires_grad]
    optimizer = torch.optim.AdamW(params, lr=5e-4, weight_decay=0.04)

    def step() -> float:
        with torch.autocast(device.type, dtype=torch.bfloat16,
                            enabled=args.amp):
            loss = model.loss(crops, [])['loss']
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(params, max_norm=3.0)
        optimizer.step()
        return loss.item()  # synchronises accelerators

    return step, sizes


def run(args: argparse.Namespace) -> Dict[str, float]:
    if args.num_threads:
        torch.set_num_threads(args.num_threads)
    device = torch.device(args.device)
    MMLogger.get_instance('last_step_benchmark', log_level='WARNING')
    # the teacher's momentum schedule reads the run length from here
    MessageHub.get_current_instance().update_info(
        'max_iters', args.warmup + args.iters)
    step, sizes = _step(args, device)
    for _ in range(args.warmup):
        step()
    times, cpu_times = [], []
    for _ in range(args.iters):
        start, cpu_start = time.perf_counter(), time.process_time()
        step()
        times.append(time.perf_counter() - start)
        cpu_times.append(time.process_time() - cpu_start)
    median = statistics.median(times)
    return dict(
        images_per_s=round(args.batch_size / median, 3),
        crops_per_s=round(args.batch_size * len(sizes) / median, 3),
        step_s_median=round(median, 3),
        step_s_min=round(min(times), 3),
        cpu_s_per_step=round(statistics.median(cpu_times), 3),
        batch_size=args.batch_size,
        crops=' + '.join(f'{sizes.count(s)}x{s}'
                         for s in sorted(set(sizes), reverse=True)),
        backbone='config' if args.config else args.backbone,
        threads=torch.get_num_threads(),
        amp=args.amp,
        device=str(device))
