"""Plot training and validation curves of one or more runs.

Reads the scalars mmengine's Runner logs (``vis_data/scalars.json``) and
draws them in the study's plot style: training scalars logged per iteration
as per-epoch means, validation metrics one point per evaluation.

Examples::

    python tools/analysis_tools/analyze_logs.py work_dirs/my_finetune \\
        --keys loss mIoU --out curves.png
    python tools/analysis_tools/analyze_logs.py runA/20250101_120000 \\
        runB/vis_data/scalars.json --legend glcnet random --keys mIoU OA
    python tools/analysis_tools/analyze_logs.py work_dirs/my_finetune --list

A run is a work dir (its latest run directory), a run directory
``work_dir/<timestamp>/`` or a ``scalars.json`` file.
"""
import argparse
import os.path as osp
import sys
from typing import List, Optional

from grsim_mm.analysis import check_keys, logged_keys
from grsim_mm.study.outputs import read_scalars
from grsim_mm.study.plots import plot_curves


def parse_args(argv: Optional[List[str]] = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description='Plot the logged scalars (losses, learning rate, '
        'validation metrics) of training runs')
    parser.add_argument(
        'runs', nargs='+',
        help='work dirs, run directories (work_dir/<timestamp>) or '
        'scalars.json files')
    parser.add_argument('--keys', nargs='+', default=['loss'],
                        help='scalars to plot, one panel each '
                        '(default: loss)')
    parser.add_argument('--legend', nargs='+',
                        help='a label per run (default: the run paths)')
    parser.add_argument('--title', default='', help='figure title')
    parser.add_argument('--out', default='curves.png',
                        help='image file to write (default: curves.png)')
    parser.add_argument('--list', action='store_true',
                        help='print the scalars each run logged and exit')
    return parser.parse_args(argv)


def main(argv: Optional[List[str]] = None) -> None:
    args = parse_args(argv)
    legend = args.legend or [osp.normpath(r) for r in args.runs]
    if len(legend) != len(args.runs):
        sys.exit(f'--legend has {len(legend)} labels for {len(args.runs)} '
                 'runs')
    try:
        logs = {label: read_scalars(run)
                for label, run in zip(legend, args.runs)}
    except FileNotFoundError as e:
        sys.exit(str(e))
    if args.list:
        for label, records in logs.items():
            print(f'{label}: {", ".join(logged_keys(records))}')
        return
    try:
        check_keys(logs, args.keys)
    except ValueError as e:
        sys.exit(str(e))
    plot_curves(dict(zip(legend, args.runs)), args.out, args.keys,
                args.title)
    print(f'curves of {", ".join(args.keys)} written to {args.out}')


if __name__ == '__main__':
    main()
