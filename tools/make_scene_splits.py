"""Write the train/selection/test lists and the nested labelled subsets of a
scene-classification dataset.

The images are class folders under ``DATA_ROOT/DATA_PREFIX`` (or the
``train``/``test`` folders of a dataset with a predefined split). The lists
hold ``relative/path label`` lines, relative to the image folder, and are
read by ``RSISceneDataset(ann_file=..., classes='.../classes.txt')``.

Examples::

    # AID: 80/20 per class, 5/20/50/100 images per class and 1/5/10 %,
    # 10 % of the training share for model selection, seed 0, and the
    # unlabelled pretraining list (all but test) with 10/25/50 % of it
    python tools/make_scene_splits.py data/AID --preset aid --seed 0

    # the authors' "first k sorted files per class", no selection split
    python tools/make_scene_splits.py data/AID --preset aid --legacy \
        --rounding floor --selection 0 --out data/AID/splits/rsisc
"""
import argparse
import os.path as osp
import sys

from grsim_mm.datasets.rsi_scene_dataset import (IMAGE_EXTENSIONS,
                                                 scan_class_folders)
from grsim_mm.datasets.scene_presets import get_scene_preset
from grsim_mm.datasets.scene_splits import (make_scene_splits,
                                            write_scene_splits)


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__.split('\n\n')[0],
        formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('data_root', help='dataset root')
    parser.add_argument('--data-prefix', default=None,
                        help='image folder under data_root (default: the '
                        "preset's, else data_root itself)")
    parser.add_argument('--preset', help='scene dataset preset, e.g. aid')
    parser.add_argument('--train-ratio', type=float,
                        help="training share of each class (default: the "
                        "preset's)")
    parser.add_argument('--split-dirs', nargs=2, metavar=('TRAIN', 'TEST'),
                        help='predefined split folders under the image '
                        'folder (default: the preset\'s, if any)')
    parser.add_argument('--shots', type=int, nargs='*',
                        default=[5, 20, 50, 100],
                        help='images per class of the train_k lists')
    parser.add_argument('--percents', type=float, nargs='*',
                        default=[1, 5, 10],
                        help='percent of each class of the train_p lists')
    parser.add_argument('--pretrain-percents', type=float, nargs='*',
                        default=[10, 25, 50],
                        help='percent of each class of the unlabelled '
                        'pretrain list (train + selection) of the '
                        'pretrain_p lists')
    parser.add_argument('--selection', default='0.1',
                        help='model-selection images per class: an integer '
                        'count or a fraction below 1 (default 0.1)')
    parser.add_argument('--seed', type=int, default=0,
                        help='seed of the labelled subsets')
    parser.add_argument('--split-seed', type=int, default=0,
                        help='seed of the train/selection/test split')
    parser.add_argument('--legacy', action='store_true',
                        help='first k sorted files per class, as the '
                        'TOV and RSISC code')
    parser.add_argument('--rounding', choices=('round', 'floor'),
                        default='round',
                        help='n * train_ratio to a count: round (TOV) or '
                        'floor (RSISC)')
    parser.add_argument('--extensions', nargs='*', default=IMAGE_EXTENSIONS)
    parser.add_argument('--out', help='output folder (default: '
                        'DATA_ROOT/splits/seed{SEED}, or .../legacy)')
    return parser.parse_args()


def parse_selection(text: str):
    return float(text) if '.' in text else int(text)


def main() -> None:
    args = parse_args()
    preset = get_scene_preset(args.preset) if args.preset else {}
    prefix = args.data_prefix
    if prefix is None:
        prefix = preset.get('data_prefix', '')
    img_dir = osp.join(args.data_root, prefix)
    split_dirs = args.split_dirs or preset.get('split_dirs')
    ratio = args.train_ratio
    if ratio is None and not split_dirs:
        ratio = preset.get('train_ratio')
        if ratio is None:
            sys.exit('give --train-ratio, --split-dirs or a --preset')
    if split_dirs:
        found = [{
            name: [osp.join(folder, p) for p in paths]
            for name, paths in scan_class_folders(
                osp.join(img_dir, folder), args.extensions).items()
        } for folder in split_dirs]
        files, test_files = found
    else:
        files = scan_class_folders(img_dir, args.extensions)
        test_files = None
    classes = tuple(files)
    expected = preset.get('classes')
    if expected is not None and set(expected) != set(classes):
        sys.exit(f'{img_dir}: class folders differ from the {args.preset} '
                 f'preset: missing {sorted(set(expected) - set(classes))}, '
                 f'extra {sorted(set(classes) - set(expected))}')
    if expected is not None:
        classes = tuple(expected)
        files = {c: files[c] for c in classes}
    mode = 'legacy' if args.legacy else 'seeded'
    lists = make_scene_splits(
        files,
        train_ratio=None if split_dirs else ratio,
        test_files=test_files,
        shots=args.shots,
        percents=args.percents,
        pretrain_percents=args.pretrain_percents,
        selection=parse_selection(args.selection),
        seed=args.seed,
        split_seed=args.split_seed,
        mode=mode,
        rounding=args.rounding)
    out = args.out or osp.join(
        args.data_root, 'splits',
        'legacy' if args.legacy else f'seed{args.seed}')
    info = dict(mode=mode, seed=args.seed, split_seed=args.split_seed,
                train_ratio=ratio, split_dirs=split_dirs,
                selection=args.selection, rounding=args.rounding,
                image_folder=prefix)
    written = write_scene_splits(out, lists, classes, info)
    width = max(len(n) for n in written)
    for name, path in written.items():
        print(f'{name:<{width}}  {len(lists[name]):>7} images  {path}')
    print(f'{len(classes)} classes in {osp.join(out, "classes.txt")}')


if __name__ == '__main__':
    main()
