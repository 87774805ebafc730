"""Convert the ISPRS Potsdam release into the reference layout.

    python tools/dataset_converters/potsdam.py \
        4_Ortho_RGBIR.zip 5_Labels_all.zip -o data/potsdam

Inputs are the folder (searched recursively) or the zip of the 4-band
``top_potsdam_{a}_{b}_RGBIR.tif`` scenes and the folder or zip of the colour
label scenes ``top_potsdam_{a}_{b}_label.tif`` (``--label-suffix
label_noBoundary`` for the eroded labels). Zips are read in place.

Output under ``-o``: ``train_RGBIR/``, ``train_lbl/`` (the 24 official
training scenes), ``val_RGBIR/``, ``val_lbl/`` (the 14 official test
scenes), tiles named ``top_potsdam_{a}_{b}_RGBIR__{k}.tif`` with colour
labels of the same name, the lists ``train_*.txt`` and ``val_*.txt`` and a
6-class ``class_dict.txt``. Tiles keep the scene's georeference, if any.

How the grid is cut: a side of S px gets n = ceil(S / T) tiles of T px
whose offsets are ``round(i * (S - T) / (n - 1))`` (halves up),
i = 0 .. n-1. The first tile starts at 0 and the last ends exactly at S; the
``n * T - S`` surplus pixels become an even overlap between neighbours, so
nothing is padded or dropped. For Potsdam (S = 6000, T = 256) that is a
24 x 24 grid with a stride of 5744 / 23 = 249.7 px (offsets 0, 250, 499,
749, ..., 5494, 5744), i.e. 6 or 7 px of overlap. The tile index
k = row * n + col + 1 runs row-major from 1 to 576.
"""
import argparse
import os
import os.path as osp
import re
import sys
import time
import zipfile
from typing import Dict, List

from grsim_mm.datasets.positions import grid_offsets
from grsim_mm.datasets.presets import (ISPRS_CLASSES, ISPRS_PALETTE,
                                       POTSDAM_TEST_SCENES,
                                       POTSDAM_TRAIN_SCENES,
                                       write_class_dict)
from grsim_mm.datasets.raster_io import (read_raster, window_geo_transform,
                                         write_raster)
from grsim_mm.datasets.splits import write_lists


def find_scenes(source: str, suffix: str) -> Dict[str, str]:
    """Scene id ``'2_10'`` -> raster path (GDAL ``/vsizip/`` path for
    zips) of every ``top_potsdam_{a}_{b}_{suffix}.tif`` in ``source``."""
    pattern = re.compile(rf'top_potsdam_(\d+_\d+)_{re.escape(suffix)}\.tif$')
    if zipfile.is_zipfile(source):
        with zipfile.ZipFile(source) as zf:
            members = zf.namelist()
        root = '/vsizip/' + osp.abspath(source)
        candidates = [(m, f'{root}/{m}') for m in members]
    elif osp.isdir(source):
        candidates = [(f, osp.join(d, f)) for d, _, files in os.walk(source)
                      for f in files]
    else:
        raise FileNotFoundError(f'{source}: neither a folder nor a zip file')
    scenes = {}
    for name, path in candidates:
        match = pattern.search(name)
        if match:
            scenes[match.group(1)] = path
    if not scenes:
        raise ValueError(f'{source}: no top_potsdam_*_{suffix}.tif scenes')
    return scenes


def cut_scene(scene: str, img_path: str, lbl_path: str, out_dir: str,
              folder: str, tile: int, dtype: str) -> List[str]:
    """Cut one scene and its label into tiles; return the tile names."""
    img, meta = read_raster(img_path)
    lbl, _ = read_raster(lbl_path)
    if img.shape[1:] != lbl.shape[1:]:
        raise ValueError(
            f'{lbl_path}: label size {lbl.shape[2]}x{lbl.shape[1]} differs '
            f'from the image size {img.shape[2]}x{img.shape[1]} of '
            f'{img_path}')
    if lbl.shape[0] < 3:
        raise ValueError(f'{lbl_path}: expected an RGB colour label, found '
                         f'{lbl.shape[0]} band(s)')
    rows = grid_offsets(img.shape[1], tile)
    cols = grid_offsets(img.shape[2], tile)
    names = []
    for r, y in enumerate(rows):
        for c, x in enumerate(cols):
            name = f'top_potsdam_{scene}_{dtype}__{r * len(cols) + c + 1}.tif'
            geo = window_geo_transform(meta['geo_transform'],
                                       (x, y, tile, tile))
            ys, xs = slice(y, y + tile), slice(x, x + tile)
            for sub, data in ((f'{folder}_{dtype}', img[:, ys, xs]),
                              (f'{folder}_lbl', lbl[:3, ys, xs])):
                write_raster(osp.join(out_dir, sub, name), data,
                             meta['crs'], geo, interleave='pixel')
            names.append(name)
    return names


def convert(image_src: str,
            label_src: str,
            out_dir: str,
            tile: int = 256,
            label_suffix: str = 'label',
            dtype: str = 'RGBIR') -> Dict[str, List[str]]:
    """Convert a release; returns ``{'train': names, 'val': names}``."""
    images = find_scenes(image_src, 'RGBIR')
    labels = find_scenes(label_src, label_suffix)
    plan = [(s, 'train') for s in POTSDAM_TRAIN_SCENES if s in images]
    plan += [(s, 'val') for s in POTSDAM_TEST_SCENES if s in images]
    unknown = sorted(set(images) - set(POTSDAM_TRAIN_SCENES) -
                     set(POTSDAM_TEST_SCENES))
    if unknown:
        print(f'skipping scenes outside the official split: {unknown}')
    missing = [s for s, _ in plan if s not in labels]
    if missing:
        raise FileNotFoundError(
            f'{label_src}: no top_potsdam_*_{label_suffix}.tif for scenes '
            f'{missing}')
    for folder in (f'train_{dtype}', 'train_lbl', f'val_{dtype}', 'val_lbl'):
        os.makedirs(osp.join(out_dir, folder), exist_ok=True)
    names: Dict[str, List[str]] = {'train': [], 'val': []}
    start = time.perf_counter()
    for i, (scene, folder) in enumerate(plan, start=1):
        tiles = cut_scene(scene, images[scene], labels[scene], out_dir,
                          folder, tile, dtype)
        names[folder] += tiles
        print(f'[{i}/{len(plan)}] top_potsdam_{scene} -> {folder}: '
              f'{len(tiles)} tiles ({time.perf_counter() - start:.0f} s)')
        sys.stdout.flush()
    write_class_dict(
        osp.join(out_dir, 'class_dict.txt'), ISPRS_CLASSES, ISPRS_PALETTE)
    write_lists(out_dir, {k: sorted(v) for k, v in names.items() if v},
                dtype)
    return names


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description='Convert ISPRS Potsdam to the reference layout')
    parser.add_argument('image_src', help='folder or zip of *_RGBIR.tif')
    parser.add_argument('label_src', help='folder or zip of *_label.tif')
    parser.add_argument('-o', '--out-dir', default='data/potsdam')
    parser.add_argument('--tile-size', type=int, default=256)
    parser.add_argument(
        '--label-suffix',
        default='label',
        help="'label' (5_Labels_all) or 'label_noBoundary'")
    return parser.parse_args()


def main() -> None:
    args = parse_args()
    names = convert(args.image_src, args.label_src, args.out_dir,
                    args.tile_size, args.label_suffix)
    print(f"done: {len(names['train'])} train and {len(names['val'])} val "
          f'tiles in {args.out_dir}')


if __name__ == '__main__':
    main()
