"""Draw a saved confusion matrix: rows normalised, class names on both axes.

Every evaluation of ``RSISegMetric`` (segmentation) and ``RSISceneMetric``
(scenes) saves ``<prefix>_confusion_matrix.csv`` (counts, true classes per
row) and the figure next to its log; this tool redraws a saved matrix, e.g.
with a title or as counts, or as PDF for a paper.

Examples::

    python tools/analysis_tools/confusion_matrix.py \\
        work_dirs/my_finetune/20250101_120000/seg_confusion_matrix.csv \\
        --out matrix.pdf --title 'GLCNet, 1% labels'
"""
import argparse
import os.path as osp
import sys
from typing import List, Optional

import numpy as np

from grsim_mm.evaluation.metrics.confusion_files import read_confusion_csv
from grsim_mm.visualization import normalise_rows, plot_confusion_matrix


def parse_args(argv: Optional[List[str]] = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description='Plot a confusion matrix saved by RSISegMetric or '
        'RSISceneMetric')
    parser.add_argument('matrix', help='<prefix>_confusion_matrix.csv')
    parser.add_argument(
        '--out', help='image file to write; its suffix sets the format '
        '(default: the CSV path with .png)')
    parser.add_argument('--title', default='', help='figure title')
    parser.add_argument('--counts', action='store_true',
                        help='show pixel (or image) counts, not row shares')
    return parser.parse_args(argv)


def main(argv: Optional[List[str]] = None) -> None:
    args = parse_args(argv)
    try:
        matrix, names = read_confusion_csv(args.matrix)
    except (OSError, ValueError) as e:
        sys.exit(str(e))
    out = args.out or osp.splitext(args.matrix)[0] + '.png'
    plot_confusion_matrix(matrix, names, out, args.title,
                          normalise=not args.counts)
    recall = np.diag(normalise_rows(matrix)) * 100
    width = max(len(n) for n in names)
    print('recall (% of each true class predicted as itself):')
    for name, value in zip(names, recall):
        shown = 'absent' if np.isnan(value) else f'{value:6.2f}'
        print(f'  {name:<{width}}  {shown}')
    print(f'written to {out}')


if __name__ == '__main__':
    main()
