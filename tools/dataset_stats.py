"""Per-band statistics of a dataset, printed as the lines of a dataset
setting (``band_mean``, ``band_std``, ``value_range``).

Reads a list file (one name a line), a folder of rasters or a glob pattern,
in strips of bounded size, ignoring nodata pixels (the files' own nodata
value, or ``--nodata``) and non-finite values. Mean and std are exact;
percentiles are exact for 8- and 16-bit integer data and within one bin
width, ``(max - min) / --bins``, otherwise. See
``grsim_mm.datasets.band_statistics`` and docs/add_a_dataset.md.

    python tools/dataset_stats.py data/s2/train_S2.txt --nodata 0
    python tools/dataset_stats.py data/s2/train_S2 --percentiles 2 98
"""
import argparse
from typing import List, Optional

from mmengine.utils import ProgressBar

from grsim_mm.datasets.band_statistics import (band_statistics, format_table,
                                               rasters_of, setting_lines)


def parse_args(argv: Optional[List[str]] = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    parser.add_argument(
        'inputs', nargs='+',
        help='list files (.txt), folders of rasters, rasters or glob '
        'patterns')
    parser.add_argument(
        '--img-dir', help='folder of the files named by the list files '
        '(default: {train|val}_{DTYPE}/ beside a list {split}_{DTYPE}.txt, '
        'else the list\'s folder)')
    parser.add_argument(
        '--nodata', type=float,
        help='value of missing pixels (default: each file\'s own); a pixel '
        'is ignored where every band holds it')
    parser.add_argument(
        '--percentiles', type=float, nargs='+', default=[1, 50, 99],
        help='percentiles to report, in [0, 100] (default: 1 50 99)')
    parser.add_argument(
        '--range-percentiles', type=float, nargs=2, default=[0, 99.9],
        metavar=('LOW', 'HIGH'),
        help='percentiles that give value_range, the black and white of '
        'the photometric augmentations (default: 0 99.9: the darkest valid '
        'value, and a white that a few saturated pixels do not decide)')
    parser.add_argument(
        '--bins', type=int, default=65536,
        help='histogram bins for data other than 8/16-bit integers')
    parser.add_argument(
        '--max-pixels', type=int, default=1 << 22,
        help='pixels per band read at once (bounds the memory)')
    return parser.parse_args(argv)


def main(argv: Optional[List[str]] = None) -> None:
    args = parse_args(argv)
    paths = [path for spec in args.inputs
             for path in rasters_of(spec, args.img_dir)]
    percentiles = sorted({*args.percentiles, *args.range_percentiles})
    print(f'{len(paths)} files')
    stats = band_statistics(
        paths, percentiles, nodata=args.nodata, bins=args.bins,
        max_pixels=args.max_pixels,
        progress=lambda steps: ProgressBar(steps).update)
    print(f'\n{stats.files} files of {stats.dtype}; percentiles '
          + ('exact' if not stats.percentile_error.any() else
             f'within {stats.percentile_error.max():.4g} (one bin)'))
    print(format_table(stats))
    print('\n# paste into the dataset setting')
    print('\n'.join(setting_lines(stats, *args.range_percentiles)))


if __name__ == '__main__':
    main()
