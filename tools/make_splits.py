"""Write label-fraction lists (1/5/10/100%) and a model-selection list.

The lists are seeded, exact (``round(p/100 * N)`` tiles), nested
(1% in 5% in 10%) and stratified over scenes; ``trainSel`` comes from the
training scenes, disjoint from every fraction list and from the test list.
``--keep PERCENT=LIST`` uses a given list as that fraction unchanged (e.g.
the 1% list the GLCNet authors published) and nests the other fractions
around it. See ``grsim_mm.datasets.splits`` for the method.

    # from an existing full list (and the test list, checked for overlap)
    python tools/make_splits.py --train-list data/potsdam/train_RGBIR.txt \
        --test-list data/potsdam/val_RGBIR.txt --out-dir data_lists/potsdam
    # ISPRS Potsdam without any data: 24 train scenes x 576 tile names
    python tools/make_splits.py --potsdam --out-dir data_lists/potsdam
    # how data_lists/potsdam was written: the authors' 1% list kept
    python tools/make_splits.py --potsdam --out-dir data_lists/potsdam \
        --keep 1=data_lists/potsdam/trainR1_RGBIR.txt
"""
import argparse
from typing import Dict, List

from grsim_mm.datasets.presets import (POTSDAM_TEST_SCENES,
                                       POTSDAM_TRAIN_SCENES,
                                       potsdam_tile_names)
from grsim_mm.datasets.layout import read_name_list
from grsim_mm.datasets.splits import make_splits, write_lists


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument('--train-list', help='list of all training tiles')
    source.add_argument(
        '--potsdam',
        action='store_true',
        help='use the official ISPRS Potsdam scenes (24x24 tiles each); '
        'also writes the val list of the 14 test scenes')
    parser.add_argument('--test-list', help='test list to check against')
    parser.add_argument('--out-dir', required=True)
    parser.add_argument('--dtype', default='RGBIR')
    parser.add_argument(
        '--percents', type=float, nargs='+', default=[1, 5, 10])
    parser.add_argument('--sel-percent', type=float, default=5)
    parser.add_argument('--min-tiles', type=int, default=1)
    parser.add_argument('--seed', type=int, default=0)
    parser.add_argument(
        '--keep',
        nargs='+',
        default=[],
        metavar='PERCENT=LIST',
        help='use the list file LIST as the PERCENT %% fraction unchanged '
        'and nest the other fractions around it, e.g. '
        '1=data_lists/potsdam/trainR1_RGBIR.txt')
    return parser.parse_args()


def parse_kept(items: List[str]) -> Dict[float, List[str]]:
    """``['1=path']`` -> ``{1.0: names listed in path}``."""
    kept = {}
    for item in items:
        percent, sep, path = item.partition('=')
        try:
            value = float(percent)
        except ValueError:
            value = None
        if not sep or value is None:
            raise SystemExit(f'--keep {item}: expected PERCENT=LIST, e.g. '
                             '1=data_lists/potsdam/trainR1_RGBIR.txt')
        kept[value] = read_name_list(path)
    return kept


def main() -> None:
    args = parse_args()
    if args.potsdam:
        train = potsdam_tile_names(POTSDAM_TRAIN_SCENES, dtype=args.dtype)
        test = potsdam_tile_names(POTSDAM_TEST_SCENES, dtype=args.dtype)
    else:
        train = read_name_list(args.train_list)
        test = read_name_list(args.test_list) if args.test_list else []
    splits = make_splits(
        train,
        test,
        percents=args.percents,
        sel_percent=args.sel_percent,
        seed=args.seed,
        min_count=args.min_tiles,
        kept=parse_kept(args.keep))
    if args.potsdam:
        splits['val'] = sorted(test)
    write_lists(args.out_dir, splits, args.dtype)
    for name, names in splits.items():
        print(f'{name}: {len(names)} tiles')


if __name__ == '__main__':
    main()
