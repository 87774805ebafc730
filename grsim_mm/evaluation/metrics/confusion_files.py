"""The files every evaluation leaves next to its log: the confusion matrix
as CSV (counts, class names on both axes) and, in test runs, as a figure,
and a per-class table. Segmentation and scene metrics write them alike, and
``tools/analysis_tools/confusion_matrix.py`` redraws a saved CSV."""
import csv
import os
import os.path as osp
from typing import List, Optional, Sequence, Tuple

import numpy as np
from mmengine.logging import MMLogger

from ...visualization import plot_confusion_matrix

#: Header of the first cell of a saved matrix.
CORNER = 'true \\ predicted'


def metric_output_dir(out_dir: Optional[str]) -> Optional[str]:
    """``out_dir``, or else the folder of the current runner's log file
    (``work_dir/<timestamp>/``); None outside a runner."""
    if out_dir is not None:
        return out_dir
    log_file = MMLogger.get_current_instance().log_file
    return osp.dirname(log_file) if log_file else None


def write_confusion_csv(path: str, matrix: np.ndarray,
                        names: Sequence[str]) -> None:
    """Counts with the true class per row and the predicted per column."""
    with open(path, 'w', newline='') as f:
        writer = csv.writer(f)
        writer.writerow([CORNER, *names])
        for name, row in zip(names, np.asarray(matrix)):
            writer.writerow([name, *(int(v) for v in row)])


def read_confusion_csv(path: str) -> Tuple[np.ndarray, List[str]]:
    """A matrix written by :func:`write_confusion_csv` and its class names."""
    with open(path, newline='') as f:
        rows = list(csv.reader(f))
    if not rows or len(rows[0]) < 2:
        raise ValueError(f'{path}: not a confusion-matrix CSV (expected a '
                         f'header "{CORNER},<class>,..." and a row per '
                         'class)')
    names = rows[0][1:]
    body = rows[1:]
    if len(body) != len(names) or any(len(r) != len(names) + 1
                                       for r in body):
        raise ValueError(f'{path}: {len(names)} classes in the header but '
                         f'{len(body)} rows, or rows of another length; a '
                         'confusion matrix is square')
    if [r[0] for r in body] != names:
        raise ValueError(f'{path}: the row names {[r[0] for r in body]} '
                         f'differ from the column names {names}')
    try:
        matrix = np.array([[float(v) for v in r[1:]] for r in body])
    except ValueError as e:
        raise ValueError(f'{path}: non-numeric count ({e})') from e
    return matrix, names


def save_confusion_matrix(out_dir: str, stem: str, matrix: np.ndarray,
                          names: Sequence[str], title: str = '',
                          figure: bool = True) -> None:
    """``<stem>_confusion_matrix.csv`` and, with ``figure``, ``.png`` in
    ``out_dir``."""
    os.makedirs(out_dir, exist_ok=True)
    path = osp.join(out_dir, f'{stem}_confusion_matrix')
    write_confusion_csv(path + '.csv', matrix, names)
    if figure:
        plot_confusion_matrix(matrix, names, path + '.png', title)


def write_table_csv(path: str, header: Sequence[str],
                    rows: Sequence[Sequence]) -> None:
    """A plain CSV table (the per-class scores)."""
    with open(path, 'w', newline='') as f:
        writer = csv.writer(f)
        writer.writerow(header)
        writer.writerows(rows)
