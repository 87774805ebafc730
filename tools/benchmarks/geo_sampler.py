"""GeoBalancedSampler throughput on a large scene with a land-cover guide.

Writes a tiled ``--scene-size``² GeoTIFF scene and a georeferenced guide
raster 10 times coarser over the same ground (six classes of very unequal
area), then times on one core: building the sampler (the guide warped onto
the coarse scene grid and the candidate windows of every class), drawing
windows one at a time as the dataset does, drawing them in bulk, and the
full fetch of ``GeoBalancedDataset`` (draw and read the window).
"""
import argparse
import os
import os.path as osp
import tempfile
import time

import numpy as np
import rasterio
from mmengine.registry import DefaultScope
from mmpretrain.registry import DATASETS
from rasterio.transform import from_origin
from threadpoolctl import threadpool_limits

from grsim_mm.datasets import GeoBalancedSampler

# class values and their share of the guide's area
CLASS_SHARES = {10: 0.55, 20: 0.25, 30: 0.1, 40: 0.06, 50: 0.03, 60: 0.01}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument('--scene-size', type=int, default=10000)
    parser.add_argument('--bands', type=int, default=3)
    parser.add_argument('--window', type=int, default=256)
    parser.add_argument('--draws',
                        type=int,
                        default=2000,
                        help='windows drawn one by one')
    parser.add_argument('--fetches',
                        type=int,
                        default=300,
                        help='windows drawn and read through the dataset')


def _guide(size: int, rng: np.random.Generator) -> np.ndarray:
    """Blobby classes with the areas of CLASS_SHARES (thresholded noise)."""
    coarse = rng.normal(0, 1, (size // 25 + 1, size // 25 + 1))
    field = np.kron(coarse, np.ones((25, 25)))[:size, :size]
    field += rng.normal(0, 0.2, field.shape)
    edges = np.quantile(field, np.cumsum(list(CLASS_SHARES.values()))[:-1])
    return np.array(list(CLASS_SHARES))[np.searchsorted(edges, field)]


def _write_inputs(tmp: str, args: argparse.Namespace) -> tuple:
    size, rng = args.scene_size, np.random.default_rng(0)
    scene = osp.join(tmp, 'scenes', 'scene.tif')
    profile = dict(driver='GTiff',
                   count=args.bands,
                   height=size,
                   width=size,
                   dtype='uint8',
                   crs='EPSG:32632',
                   tiled=True,
                   blockxsize=256,
                   blockysize=256,
                   transform=from_origin(500000, 5800000, 0.5, 0.5))
    with rasterio.open(scene, 'w', **profile) as dst:
        for row in range(0, size, 1000):
            rows = min(1000, size - row)
            block = rng.integers(0, 256, (args.bands, rows, size), np.uint8)
            dst.write(block, window=((row, row + rows), (0, size)))
    guide = osp.join(tmp, 'landcover.tif')
    classes = _guide(size // 10, rng).astype(np.uint8)
    with rasterio.open(guide,
                       'w',
                       driver='GTiff',
                       count=1,
                       height=classes.shape[0],
                       width=classes.shape[1],
                       dtype='uint8',
                       crs='EPSG:32632',
                       nodata=0,
                       transform=from_origin(500000, 5800000, 5, 5)) as dst:
        dst.write(classes[None])
    return scene, guide


def run(args: argparse.Namespace) -> dict:
    with tempfile.TemporaryDirectory() as tmp, threadpool_limits(1):
        os.makedirs(osp.join(tmp, 'scenes'))
        scene, guide = _write_inputs(tmp, args)
        start = time.perf_counter()
        sampler = GeoBalancedSampler([scene], [guide], args.window)
        build_s = time.perf_counter() - start

        np.random.seed(0)
        start = time.perf_counter()
        for _ in range(args.draws):
            sampler.draw(1)
        single = args.draws / (time.perf_counter() - start)
        start = time.perf_counter()
        bulk = sampler.draw(100_000)
        bulk_rate = 100_000 / (time.perf_counter() - start)

        with DefaultScope.overwrite_default_scope('mmpretrain'):
            ds = DATASETS.build(
                dict(type='GeoBalancedDataset',
                     data_prefix=dict(img_path=osp.dirname(scene)),
                     guide=guide,
                     window_size=args.window,
                     samples_per_epoch=args.fetches,
                     pipeline=[dict(type='LoadRasterImageFromFile')]))
        start = time.perf_counter()
        for i in range(args.fetches):
            ds[i]
        fetch = args.fetches / (time.perf_counter() - start)
    shares = np.bincount(bulk['cls'], minlength=61)[list(CLASS_SHARES)]
    return dict(
        scene=f'{args.scene_size}x{args.scene_size}x{args.bands} uint8, '
        f'guide {args.scene_size // 10}^2 at 10x the pixel size',
        window=args.window,
        cell_size=sampler.cell_size,
        candidates=sum(sampler.class_counts.values()),
        build_s=round(build_s, 2),
        draws_per_s_single=round(single),
        draws_per_s_bulk=round(bulk_rate),
        fetches_per_s=round(fetch, 1),
        guide_area_share=list(CLASS_SHARES.values()),
        drawn_share=[round(float(s), 3) for s in shares / shares.sum()])
