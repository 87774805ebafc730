"""GraSS training-step time over SimCLR's, and the share of connected
components.

One model, one batch: its SimCLR step (GraSS's warm-up: both views in one
forward pass, NT-Xent) beside its gradient-guided sampling step (pass 1 on
detached features, heat maps, boxes, crops, pass 2), and beside the
released code's sampling step, whose pass 1 runs a full backward through
the network for the feature gradient and discards the parameter gradients.
Each is a whole training step (forward, backward, optimiser), timed
alternately so that a machine whose speed drifts affects all alike; medians
are reported. Two passes make about 2x SimCLR; the detached first pass
(no backward through the network below the heat-map stage, none for the
parameters) should bring GraSS under that. The time of the connected-
component labelling (scipy on the CPU, the only part of the sampling off
the device) is summed over the timed GraSS steps and reported as a share.
Inputs are random tiles, so no data are needed; the pipeline is excluded.
"""
import argparse
import importlib
import os.path as osp
import statistics
import time
from typing import Callable, Dict

import torch
from mmengine.logging import MMLogger
from mmengine.model import revert_sync_batchnorm
from mmpretrain.registry import MODELS

import grsim_mm  # noqa: F401
from grsim_mm.models.utils import gradient_guided_crop

from .common import add_timing_arguments, model_config

# the module (its name is also the function's, exported by the package)
box_module = importlib.import_module(
    'grsim_mm.models.utils.gradient_guided_box')

REPO_ROOT = osp.dirname(osp.dirname(osp.dirname(osp.abspath(__file__))))
DEFAULT_CONFIG = osp.join(REPO_ROOT, 'configs', 'grass',
                          'grass_r50-os16_8xb32-400e_potsdam-rgbir.py')


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument('--config', default=DEFAULT_CONFIG,
                        help='a GraSS config (its model and preprocessor)')
    parser.add_argument('--depth', type=int, default=None,
                        help='backbone depth instead of the config\'s')
    parser.add_argument('--batch-size', type=int, default=8,
                        help='images; each step sees 2x as many views')
    parser.add_argument('--crop-size', type=int, default=224)
    add_timing_arguments(
        parser, warmup=1, iters=5,
        iters_help='timed steps of each kind; medians reported',
        amp=True)


class _TimedCalls:
    """A stand-in for a module that sums the seconds spent in some of its
    functions."""

    def __init__(self, module, names) -> None:
        self._module, self._names, self.seconds = module, names, 0.0

    def __getattr__(self, name: str):
        func = getattr(self._module, name)
        if name not in self._names:
            return func

        def timed(*args, **kwargs):
            start = time.perf_counter()
            try:
                return func(*args, **kwargs)
            finally:
                self.seconds += time.perf_counter() - start

        return timed


def _released_loss(model, images: torch.Tensor) -> torch.Tensor:
    """The released step's loss: a full forward and backward for the
    feature gradient (parameter gradients discarded), then pass 2."""
    feats = list(model.backbone(images))
    stage = feats[model.heat_map_stage]
    stage.retain_grad()
    model.head.loss(*model.embedding_map(feats).chunk(2)).backward()
    crops, _ = gradient_guided_crop(images, stage.detach(), stage.grad,
                                    model.threshold_ratio)
    model.zero_grad(set_to_none=True)
    return model.contrast(crops)


def _steps(args: argparse.Namespace,
           device: torch.device) -> Dict[str, Callable[[], None]]:
    model_cfg = model_config(args.config)
    if args.depth:
        model_cfg.backbone.depth = args.depth
        if model_cfg.get('embed_from') == 'stage':  # layer4's width
            model_cfg.head.in_channels = 512 if args.depth < 50 else 2048
    torch.manual_seed(0)
    model = revert_sync_batchnorm(MODELS.build(model_cfg)).to(device)
    model.init_weights()
    model.train()
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-4)
    gen = torch.Generator().manual_seed(0)
    shape = (args.batch_size, len(model_cfg.data_preprocessor.mean),
             args.crop_size, args.crop_size)
    views = [torch.randint(0, 256, shape, generator=gen, dtype=torch.uint8)
             for _ in range(2)]
    inputs = model.data_preprocessor(
        dict(inputs=views, data_samples=None), training=True)['inputs']

    def step(loss_fn: Callable[[], torch.Tensor]) -> Callable[[], None]:

        def run() -> None:
            with torch.autocast(device.type, dtype=torch.bfloat16,
                                enabled=args.amp):
                loss = loss_fn()
            optimizer.zero_grad(set_to_none=True)
            loss.backward()
            optimizer.step()
            loss.item()  # synchronises accelerators

        return run

    def staged(active: bool) -> Callable[[], torch.Tensor]:

        def loss() -> torch.Tensor:
            model.gs_active = active
            return model.loss(inputs, [])['loss']

        return loss

    return dict(
        simclr=step(staged(False)),
        grass=step(staged(True)),
        grass_full_backward=step(
            lambda: _released_loss(model, model.pair_batch(inputs))))


def run(args: argparse.Namespace) -> dict:
    if args.num_threads:
        torch.set_num_threads(args.num_threads)
    device = torch.device(args.device)
    MMLogger.get_instance('grass_step_benchmark', log_level='WARNING')
    steps = _steps(args, device)
    for step in steps.values():
        for _ in range(args.warmup):
            step()
    timer = _TimedCalls(box_module.ndimage, ('label', 'find_objects'))
    box_module.ndimage = timer
    times = {name: [] for name in steps}
    try:
        for index in range(args.iters):
            names = list(steps)
            shift = index % len(names)
            for name in names[shift:] + names[:shift]:
                before = timer.seconds
                start = time.perf_counter()
                steps[name]()
                times[name].append(time.perf_counter() - start)
                if name == 'grass':
                    cc_seconds = timer.seconds - before
                    times.setdefault('cc', []).append(cc_seconds)
    finally:
        box_module.ndimage = timer._module
    medians = {name: statistics.median(t) for name, t in times.items()}
    result = {
        f'{name}_step_s': round(medians[name], 4)
        for name in ('simclr', 'grass', 'grass_full_backward')
    }
    result['grass_over_simclr'] = round(medians['grass'] / medians['simclr'],
                                        3)
    result['full_backward_over_simclr'] = round(
        medians['grass_full_backward'] / medians['simclr'], 3)
    result['cc_ms_per_grass_step'] = round(1e3 * medians['cc'], 2)
    # the labelling scales with the views, the rest of the step may not
    # (an accelerator): this extrapolates to other batches
    result['cc_ms_per_view'] = round(
        1e3 * medians['cc'] / (2 * args.batch_size), 3)
    result['cc_share_of_grass_step'] = round(
        sum(times['cc']) / sum(times['grass']), 4)
    result.update(
        views=2 * args.batch_size,
        crop_size=args.crop_size,
        threads=torch.get_num_threads(),
        device=(torch.cuda.get_device_name(device)
                if device.type == 'cuda' else str(device)))
    return result
