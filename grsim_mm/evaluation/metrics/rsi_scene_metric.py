"""Scene-classification metrics of the remote-sensing literature."""
import os.path as osp
from typing import Dict, List, Optional, Sequence

import numpy as np
from mmengine.evaluator import BaseMetric
from mmpretrain.registry import METRICS

from .confusion_files import (metric_output_dir, save_confusion_matrix,
                              write_table_csv)


def confusion_matrix(gt: np.ndarray, pred: np.ndarray,
                     num_classes: int) -> np.ndarray:
    """``(C, C)`` counts, rows the true and columns the predicted class."""
    index = gt.astype(np.int64) * num_classes + pred.astype(np.int64)
    return np.bincount(index, minlength=num_classes**2).reshape(
        num_classes, num_classes)


def scene_scores(matrix: np.ndarray) -> Dict[str, object]:
    """OA, AA, Cohen's kappa and per-class precision, recall and F1.

    ``AA`` is the mean per-class recall (the usual average accuracy; the
    RSISC code's "AA" is the mean precision, reported here as
    ``mean_precision``). Macro means run over the classes that occur in the
    ground truth; a class never predicted has precision 0.
    """
    matrix = matrix.astype(np.float64)
    n = matrix.sum()
    diag = np.diag(matrix)
    true = matrix.sum(1)
    predicted = matrix.sum(0)
    present = true > 0
    recall = np.divide(diag, true, out=np.zeros_like(diag), where=true > 0)
    precision = np.divide(diag, predicted, out=np.zeros_like(diag),
                          where=predicted > 0)
    denom = precision + recall
    f1 = np.divide(2 * precision * recall, denom, out=np.zeros_like(diag),
                   where=denom > 0)
    expected = (true * predicted).sum()
    # kappa = (n * p0 - sum r_c s_c) / (n^2 - sum r_c s_c)
    kappa = ((n * diag.sum() - expected) /
             (n * n - expected) if n * n != expected else 1.0)
    return dict(
        OA=diag.sum() / n,
        AA=recall[present].mean(),
        kappa=kappa,
        mean_precision=precision[present].mean(),
        mean_f1=f1[present].mean(),
        precision=precision,
        recall=recall,
        f1=f1)


@METRICS.register_module()
class RSISceneMetric(BaseMetric):
    """OA, AA, Cohen's kappa, per-class precision/recall/F1 and the
    confusion matrix of a single-label scene classifier.

    Returned scalars: ``OA``, ``AA`` (mean per-class recall),
    ``mean_precision`` and ``mean_f1`` in percent, and ``kappa`` as a
    coefficient in ``[-1, 1]``. With ``classwise`` the per-class lists
    (``precision_per_class``, ...) and the ``confusion_matrix`` are
    returned as well (non-scalar, so logged only by a test run, which also
    dumps them into its JSON log).

    The confusion matrix (CSV of counts and, with ``confusion_figure``, a
    row-normalised figure) and the per-class table (CSV) are written to
    ``out_dir``, or, when it is None, to the folder of the current runner's log
    file (``work_dir/<timestamp>/``), so that every evaluation leaves its
    matrix next to its log; outside a runner nothing is written unless
    ``out_dir`` is given. Files are overwritten by the next evaluation.

    Args:
        num_classes: Number of classes; None takes the dataset's classes
            (or, without them, the largest label seen plus one).
        classwise: Also return the per-class scores and the matrix.
        out_dir: Folder of the CSV files (see above).
        save_files: Write the files at all.
        confusion_figure: Also draw the matrix as ``.png`` (about a second,
            so off for the validations during training; ``tools/test.py``
            turns it on).
        collect_device, prefix: As in mmengine's ``BaseMetric``.
    """
    default_prefix: Optional[str] = 'scene'

    def __init__(self,
                 num_classes: Optional[int] = None,
                 classwise: bool = False,
                 out_dir: Optional[str] = None,
                 save_files: bool = True,
                 confusion_figure: bool = False,
                 collect_device: str = 'cpu',
                 prefix: Optional[str] = None) -> None:
        super().__init__(collect_device=collect_device, prefix=prefix)
        self.num_classes = num_classes
        self.classwise = classwise
        self.out_dir = out_dir
        self.save_files = save_files
        self.confusion_figure = confusion_figure

    def process(self, data_batch, data_samples: Sequence[dict]) -> None:
        for sample in data_samples:
            self.results.append((int(sample['gt_label'].reshape(-1)[0]),
                                 int(sample['pred_label'].reshape(-1)[0])))

    def _class_names(self, num_classes: int) -> List[str]:
        classes = (self.dataset_meta or {}).get('classes')
        if classes is not None and len(classes) == num_classes:
            return list(classes)
        return [str(i) for i in range(num_classes)]

    def compute_metrics(self, results: List) -> Dict[str, object]:
        gt, pred = (np.asarray(v, dtype=np.int64) for v in zip(*results))
        num_classes = self.num_classes
        if num_classes is None:
            classes = (self.dataset_meta or {}).get('classes')
            num_classes = (len(classes) if classes is not None else
                           int(max(gt.max(), pred.max())) + 1)
        if gt.max() >= num_classes or pred.max() >= num_classes:
            raise ValueError(f'labels up to {max(gt.max(), pred.max())} '
                             f'for {num_classes} classes')
        matrix = confusion_matrix(gt, pred, num_classes)
        scores = scene_scores(matrix)
        names = self._class_names(num_classes)
        out_dir = self._resolve_out_dir()
        if out_dir is not None:
            self._write(out_dir, matrix, scores, names)
        metrics = {
            key: float(scores[key]) * 100
            for key in ('OA', 'AA', 'mean_precision', 'mean_f1')
        }
        metrics['kappa'] = float(scores['kappa'])
        if self.classwise:
            for key in ('precision', 'recall', 'f1'):
                metrics[f'{key}_per_class'] = (scores[key] * 100).tolist()
            metrics['confusion_matrix'] = matrix
        return metrics

    def _resolve_out_dir(self) -> Optional[str]:
        return metric_output_dir(self.out_dir) if self.save_files else None

    def _write(self, out_dir: str, matrix: np.ndarray, scores: dict,
               names: List[str]) -> None:
        stem = self.prefix or 'scene'
        save_confusion_matrix(out_dir, stem, matrix, names,
                              'confusion matrix (images)',
                              self.confusion_figure)
        write_table_csv(
            osp.join(out_dir, f'{stem}_per_class.csv'),
            ['class', 'support', 'precision', 'recall', 'f1'],
            [[name, int(matrix[i].sum()), f"{scores['precision'][i]:.6f}",
              f"{scores['recall'][i]:.6f}", f"{scores['f1'][i]:.6f}"]
             for i, name in enumerate(names)])
