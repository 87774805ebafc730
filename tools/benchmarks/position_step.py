"""RiSSNet and GFCNet training-step time over the SimCLR baseline's, per K.

The SimCLR baseline, GFCNet and RiSSNet share one network (backbone, ASPP,
projector) and here one set of weights and one batch of two views. GFCNet
adds the positions of the samples (random centres on a few scenes) and its
corrected loss; RiSSNet adds K neighbour views per sample, embedded without
gradient for the ranking, and ``num_relaxed`` of them embedded again with
gradient, so its time is reported for each K. Each is a whole training step
(forward, backward, Adam), timed in turns whose order rotates so that a
machine whose speed drifts affects all alike; medians are reported. Inputs
are random tiles, so no data are needed; the pipeline (reading the K
neighbour windows) is excluded.
"""
import argparse
import os.path as osp
from typing import Callable, Dict, List

import torch
from mmengine.logging import MMLogger
from mmengine.model import revert_sync_batchnorm
from mmpretrain.registry import MODELS
from mmpretrain.structures import DataSample

import grsim_mm  # noqa: F401
from benchmarks.losses import time_alternately

from .common import add_timing_arguments, model_config

REPO_ROOT = osp.dirname(osp.dirname(osp.dirname(osp.abspath(__file__))))
CONFIGS = {
    name: osp.join(REPO_ROOT, 'configs', folder,
                   f'{name}_r50-os16_8xb32-400e_potsdam-rgbir.py')
    for folder, name in (('baselines', 'simclr'), ('gfcnet', 'gfcnet'),
                         ('rissnet', 'rissnet'))
}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument('--depth', type=int, default=None,
                        help='backbone depth instead of the configs\' 50')
    parser.add_argument('--batch-size', type=int, default=8,
                        help='anchors; each sees 2 views and K neighbours')
    parser.add_argument('--crop-size', type=int, default=224)
    parser.add_argument('--neighbours', type=int, nargs='+',
                        default=[2, 4, 8],
                        help='values of K (NeighbourTiles\' num_neighbours) '
                        'for RiSSNet; each at least num_relaxed (2)')
    parser.add_argument('--scenes', type=int, default=4,
                        help='scenes the GFCNet batch is spread over')
    add_timing_arguments(
        parser, warmup=1, iters=5,
        iters_help='timed steps of each kind; medians reported')


def _model(name: str, args: argparse.Namespace, device: torch.device):
    model_cfg = model_config(CONFIGS[name])
    if args.depth:
        model_cfg.backbone.depth = args.depth
    model = revert_sync_batchnorm(MODELS.build(model_cfg)).to(device)
    model.train()
    return model, len(model_cfg.data_preprocessor.mean)


def _samples(args: argparse.Namespace, k: int) -> List[DataSample]:
    """Positions for GFCNet (centres in pixels of 6000 px scenes) and all K
    neighbours valid for RiSSNet."""
    gen = torch.Generator().manual_seed(1)
    samples = []
    for i in range(args.batch_size):
        sample = DataSample()
        sample.set_field(torch.rand(2, generator=gen).double() * 6000,
                         'centre', field_type='metainfo')
        sample.set_field(i % args.scenes, 'frame', field_type='metainfo')
        sample.set_field(torch.ones(k, dtype=torch.bool), 'neighbour_valid',
                         field_type='metainfo')
        samples.append(sample)
    return samples


def _steps(args: argparse.Namespace,
           device: torch.device) -> Dict[str, Callable[[], None]]:
    models = {}
    for name in CONFIGS:
        models[name], bands = _model(name, args, device)
    weights = models['simclr'].state_dict()
    for name in ('gfcnet', 'rissnet'):
        models[name].load_state_dict(weights)
    models['rissnet'].warmup_epochs = 0  # relaxed positives from the start
    gen = torch.Generator().manual_seed(0)
    shape = (args.batch_size, bands, args.crop_size, args.crop_size)
    raw = [torch.randint(0, 256, shape, generator=gen, dtype=torch.uint8)
           for _ in range(2 + max(args.neighbours))]
    preprocess = models['simclr'].data_preprocessor
    views = preprocess(dict(inputs=raw, data_samples=None),
                       training=True)['inputs']

    def step(name: str, k: int) -> Callable[[], torch.Tensor]:
        model = models[name]
        optimizer = torch.optim.Adam(model.parameters(), lr=1e-4)
        inputs, samples = views[:2 + k], _samples(args, k)

        def run() -> torch.Tensor:
            # the timer runs the backward of the loss returned: the update
            # from the previous call's gradients opens this one, so each
            # timed call holds one forward, one backward and one update
            optimizer.step()
            optimizer.zero_grad(set_to_none=True)
            return model.parse_losses(model.loss(inputs, samples))[0]

        return run

    steps = dict(simclr=step('simclr', 0), gfcnet=step('gfcnet', 0))
    for k in args.neighbours:
        steps[f'rissnet_k{k}'] = step('rissnet', k)
    return steps


def run(args: argparse.Namespace) -> dict:
    if args.num_threads:
        torch.set_num_threads(args.num_threads)
    device = torch.device(args.device)
    MMLogger.get_instance('position_step_benchmark', log_level='WARNING')
    medians = time_alternately(_steps(args, device), device, args.warmup,
                               args.iters)
    result = {f'{name}_step_s': round(t, 4) for name, t in medians.items()}
    for name in list(medians)[1:]:
        result[f'{name}_over_simclr'] = round(
            medians[name] / medians['simclr'], 3)
    result.update(
        batch=args.batch_size,
        crop_size=args.crop_size,
        depth=args.depth or 50,
        threads=torch.get_num_threads(),
        device=(torch.cuda.get_device_name(device)
                if device.type == 'cuda' else str(device)))
    return result
