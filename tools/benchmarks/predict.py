"""Sliding-window scene inference: windows/s and seconds per scene.

Builds the segmentor of ``--config`` with random weights (speed does not
depend on them), writes a synthetic uint8 scene to a temporary folder and
times :func:`grsim_mm.apis.predict_scene` on it, reading, blending and
writing included. A 6000 x 6000 scene takes many minutes on a CPU, so with
``--max-windows`` only one row of that many windows is timed and the time
per scene is extrapolated from windows/s; ``s_per_scene_is`` says which.
"""
import argparse
import math
import os.path as osp
import tempfile
import time

import numpy as np
import torch

from grsim_mm.apis import (BLEND_MODES, init_segmentor, predict_scene,
                           predict_windows, window_starts)
from grsim_mm.datasets.raster_io import write_raster

DEFAULT_CONFIG = 'configs/_base_/models/deeplabv3plus_r50-os16.py'


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument('--config', default=DEFAULT_CONFIG,
                        help='segmentor config (its model is timed)')
    parser.add_argument('--scene-size', type=int, default=6000,
                        help='side of the square scene the result is for')
    parser.add_argument('--bands', type=int, default=4)
    parser.add_argument('--window', type=int, default=512)
    parser.add_argument('--overlap', type=int, default=128)
    parser.add_argument('--blend', choices=BLEND_MODES, default='gaussian')
    parser.add_argument('--batch-size', type=int, default=4)
    parser.add_argument('--device', default='cpu')
    parser.add_argument(
        '--max-windows', type=int,
        help='time one row of this many windows and extrapolate to the '
        'scene (default: the whole scene)')
    parser.add_argument('--num-threads', type=int,
                        help='torch CPU threads (default: torch\'s choice)')


def _write_scene(path: str, bands: int, height: int, width: int) -> None:
    rng = np.random.default_rng(0)
    write_raster(path, rng.integers(0, 256, (bands, height, width), np.uint8),
                 crs='EPSG:32632', geo=(0.05, 0, 0, 0, -0.05, 0), tiled=True)


def run(args: argparse.Namespace) -> dict:
    if args.num_threads:
        torch.set_num_threads(args.num_threads)
    model = init_segmentor(args.config, device=args.device)
    stride = args.window - args.overlap
    per_side = len(window_starts(args.scene_size, args.window, args.overlap))
    scene_windows = per_side**2
    if args.max_windows and args.max_windows < scene_windows:
        timed = args.max_windows
        height = args.window
        width = args.window + (timed - 1) * stride
    else:
        timed, height, width = scene_windows, args.scene_size, \
            args.scene_size

    # First passes allocate memory and pick kernels: keep them out.
    warm = [np.zeros((args.bands, args.window, args.window), np.uint8)
            ] * args.batch_size
    predict_windows(model, warm)

    with tempfile.TemporaryDirectory() as tmp:
        scene = osp.join(tmp, 'scene.tif')
        _write_scene(scene, args.bands, height, width)
        if args.device.startswith('cuda'):
            torch.cuda.synchronize()
        start = time.perf_counter()
        result = predict_scene(
            model, scene, osp.join(tmp, 'map.tif'), window=args.window,
            overlap=args.overlap, blend=args.blend,
            batch_size=args.batch_size, progress=False)
        if args.device.startswith('cuda'):
            torch.cuda.synchronize()
        seconds = time.perf_counter() - start
    assert result['windows'] == timed
    windows_per_s = timed / seconds
    return dict(
        config=args.config,
        device=args.device,
        threads=torch.get_num_threads(),
        scene=f'{args.scene_size}x{args.scene_size}x{args.bands}',
        windows_per_scene=scene_windows,
        timed=f'{timed} windows on a {height}x{width} scene',
        timed_s=round(seconds, 2),
        windows_per_s=round(windows_per_s, 3),
        s_per_scene=round(scene_windows / windows_per_s, 1),
        s_per_scene_is='measured' if timed == scene_windows else
        'extrapolated from the timed windows',
        peak_gpu_mb=math.ceil(torch.cuda.max_memory_allocated() / 2**20)
        if args.device.startswith('cuda') else None)
