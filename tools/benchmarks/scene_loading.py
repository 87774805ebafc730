"""Scene dataset loading: images/s on one CPU core.

Writes two temporary datasets in class folders, like the scene benchmarks
store them: 256 x 256 RGB JPEG (NWPU-RESISC45, PatternNet, UC Merced size)
and 64 x 64 13-band uint16 GeoTIFF (EuroSAT all-bands), and times
``RSISceneDataset`` with ``LoadRasterImageFromFile`` and ``PackInputs``, the
loading part of every scene pipeline, after one warm-up pass (files in the
page cache, as in later epochs). Side by side, in the same run, mmcv's
``LoadImageFromFile`` (OpenCV decoding, mmpretrain's default) on the same
JPEGs. The process is pinned to one core and runs single-threaded, so the
numbers are the per-worker throughput of a DataLoader. The build-time file
check (``check_files='header'``) is timed too.
"""
import argparse
import os
import os.path as osp
import tempfile
import time

import cv2
import numpy as np
import torch


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument('--images', type=int, default=600,
                        help='images per dataset (6 classes)')
    parser.add_argument('--repeats', type=int, default=3,
                        help='timed passes; the best is reported')
    parser.add_argument('--jpeg-quality', type=int, default=90)
    parser.add_argument('--tiff-compress', default='none',
                        choices=['none', 'deflate', 'lzw'],
                        help='GeoTIFF compression (EuroSAT: none)')
    parser.add_argument('--no-pin', action='store_true',
                        help='do not pin the process to one CPU core')
    parser.add_argument('--seed', type=int, default=0)


def _write_datasets(root: str, args: argparse.Namespace) -> None:
    from grsim_mm.datasets.raster_io import write_raster
    from grsim_mm.datasets.scene_demo import (CLASSES, RGB_BANDS, RGB_WHITE,
                                              synthesize_scene)
    rng = np.random.default_rng(args.seed)
    names = list(CLASSES)
    for i in range(args.images):
        name = names[i % len(names)]
        refl = synthesize_scene(rng, name, 256)
        rgb = np.clip(refl[..., RGB_BANDS] / RGB_WHITE * 255, 0, 255)
        path = osp.join(root, 'jpeg', name, f'{i:05d}.jpg')
        os.makedirs(osp.dirname(path), exist_ok=True)
        write_raster(path, np.rint(rgb).astype(np.uint8).transpose(2, 0, 1),
                     driver='JPEG',
                     quality=args.jpeg_quality)
        ms = np.rint(refl[96:160, 96:160] * 10000).astype(np.uint16)
        path = osp.join(root, 'geotiff', name, f'{i:05d}.tif')
        os.makedirs(osp.dirname(path), exist_ok=True)
        write_raster(path, ms.transpose(2, 0, 1), interleave='pixel',
                     compress=args.tiff_compress.upper())


def _rate(dataset, repeats: int) -> tuple:
    """Best images/s over ``repeats`` passes, and wall and CPU time."""
    for i in range(len(dataset)):
        dataset[i]
    best_wall = best_cpu = float('inf')
    for _ in range(repeats):
        wall, cpu = time.perf_counter(), time.process_time()
        for i in range(len(dataset)):
            dataset[i]
        best_wall = min(best_wall, time.perf_counter() - wall)
        best_cpu = min(best_cpu, time.process_time() - cpu)
    return len(dataset) / best_wall, len(dataset) / best_cpu


def run(args: argparse.Namespace) -> dict:
    from mmpretrain.registry import DATASETS

    import grsim_mm  # noqa: F401  (registers the dataset and transforms)

    if not args.no_pin and hasattr(os, 'sched_setaffinity'):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    cv2.setNumThreads(1)
    torch.set_num_threads(1)
    result = {}
    with tempfile.TemporaryDirectory() as root:
        _write_datasets(root, args)
        loaders = {
            'jpeg_256_rgb': ('jpeg', dict(type='LoadRasterImageFromFile')),
            'jpeg_256_rgb_mmcv': ('jpeg', dict(type='LoadImageFromFile')),
            'geotiff_64_13band': ('geotiff',
                                  dict(type='LoadRasterImageFromFile',
                                       num_bands=13)),
        }
        for key, (folder, load) in loaders.items():
            start = time.perf_counter()
            dataset = DATASETS.build(
                dict(type='RSISceneDataset', data_root=osp.join(root, folder),
                     check_files='header',
                     pipeline=[load, dict(type='PackInputs')]))
            check_ms = 1e3 * (time.perf_counter() - start) / len(dataset)
            rate, cpu_rate = _rate(dataset, args.repeats)
            result[f'{key}_images_per_s'] = round(rate, 1)
            result[f'{key}_images_per_cpu_s'] = round(cpu_rate, 1)
            if key != 'jpeg_256_rgb_mmcv':
                result[f'{folder}_header_check_ms_per_file'] = round(
                    check_ms, 3)
    result['raster_vs_mmcv_jpeg'] = round(
        result['jpeg_256_rgb_images_per_s'] /
        result['jpeg_256_rgb_mmcv_images_per_s'], 2)
    result['images'] = args.images
    result['cores'] = len(os.sched_getaffinity(0))
    return result
