"""Remote-sensing segmentation metric: OA, Kappa, IoU, F1 from one matrix."""
import os.path as osp
from collections import OrderedDict
from typing import Dict, List, Optional, Sequence, Tuple

import numpy as np
import torch
from mmengine.logging import MMLogger, print_log
from mmseg.evaluation.metrics import IoUMetric
from mmseg.registry import METRICS
from prettytable import PrettyTable

from ...datasets.class_maps import class_map_suffix, write_class_map
from .confusion_files import (metric_output_dir, save_confusion_matrix,
                              write_table_csv)

#: Per image: flat indices ``true * C + predicted`` of the non-zero cells
#: of its confusion matrix and their counts.
SparseMatrix = Tuple[np.ndarray, np.ndarray]


@METRICS.register_module()
class RSISegMetric(IoUMetric):
    """Overall accuracy, Cohen's Kappa and per-class scores for RS benchmarks.

    Remote-sensing papers report OA and Kappa next to mIoU, all read off one
    confusion matrix accumulated over the whole test set. mmseg's
    Each image contributes its full confusion matrix (kept sparse: the few
    non-zero cells), whose diagonal and marginals give OA, Kappa, IoU,
    precision, recall and F1, and whose sum is saved. Pixels equal to
    ``ignore_index`` are dropped before anything is counted; any other
    label outside the classes is an error naming the file.

    Every evaluation inside a runner leaves, next to its log
    (``work_dir/<timestamp>/``) or in ``out_dir``, the confusion matrix as
    ``<prefix or 'seg'>_confusion_matrix.csv`` (pixel counts, true classes
    per row), with ``confusion_figure`` also as ``.png`` (row-normalised,
    class names on both axes), and the per-class scores as
    ``_per_class.csv``, like :class:`RSISceneMetric`.

    With ``output_dir`` (``tools/test.py --out``) every prediction is
    written as a class map named after its image: a GeoTIFF with the
    image's CRS and geotransform, the dataset palette as colour table and
    the class names as band metadata when the image is georeferenced (the
    pipeline's ``PackSegInputs`` must keep ``crs`` and ``geo_transform``,
    as ``test_meta_keys`` of the dataset settings do), else a plain PNG of
    class indices.

    Every value is reported in percent (Kappa included, x100) with two
    decimals, as mmseg does for its own metrics. Class means (``mIoU``,
    ``mF1``, ...) skip classes that occur neither in the labels nor in the
    predictions, whose scores are undefined.

    Args:
        ignore_index (int): Label value excluded from every count.
            Defaults to 255.
        per_image_iou (bool): Also report ``mIoU_per_image``: IoU per
            image and class with classes absent from both maps scoring 0,
            averaged over images, then over the dataset's classes. This is
            how the GLCNet reference code computes its mIoU, but over our
            classes only; it is systematically lower than the standard
            mIoU. Defaults to False.
        reference_num_classes (int, optional): Also report
            ``mIoU_per_image_ref``, the number the GLCNet reference code
            prints: the same per-image class IoUs summed and divided by
            ``reference_num_classes``, the size of its class dictionary.
            Its extra classes never occur in our labels or predictions and
            score 0 in every image, as its empty class 0 does (Potsdam: 6
            classes + the empty class 0 = 7). Implies ``per_image_iou``.
            Defaults to None.
        classwise (bool): Also return ``IoU.<class>`` and ``F1.<class>``
            entries, so per-class results reach the log scalars.
            Defaults to False.
        collect_device (str): Device used to gather results across ranks.
        output_dir (str, optional): Where to write the predicted class maps
            (see above).
        format_only (bool): Only write predictions, compute nothing.
        out_dir (str, optional): Folder of the confusion-matrix and
            per-class files; None: the run directory.
        save_files (bool): Write those files at all. Defaults to True.
        confusion_figure (bool): Also draw the matrix as ``.png`` (about a
            second, so off for the validations during training;
            ``tools/test.py`` turns it on). Defaults to False.
        prefix (str, optional): Prefix of the metric names.
    """

    def __init__(self,
                 ignore_index: int = 255,
                 per_image_iou: bool = False,
                 reference_num_classes: Optional[int] = None,
                 classwise: bool = False,
                 collect_device: str = 'cpu',
                 output_dir: Optional[str] = None,
                 format_only: bool = False,
                 out_dir: Optional[str] = None,
                 save_files: bool = True,
                 confusion_figure: bool = False,
                 prefix: Optional[str] = None,
                 **kwargs) -> None:
        super().__init__(
            ignore_index=ignore_index,
            collect_device=collect_device,
            output_dir=output_dir,
            format_only=format_only,
            prefix=prefix,
            **kwargs)
        if reference_num_classes is not None and reference_num_classes < 1:
            raise ValueError('reference_num_classes must be a class count, '
                             f'got {reference_num_classes}')
        self.per_image_iou = per_image_iou or reference_num_classes is not None
        self.reference_num_classes = reference_num_classes
        self.classwise = classwise
        self.out_dir = out_dir
        self.save_files = save_files
        self.confusion_figure = confusion_figure

    def process(self, data_batch: dict, data_samples: Sequence[dict]) -> None:
        """Count each image's confusion matrix; write its prediction."""
        num_classes = len(self.dataset_meta['classes'])
        for sample in data_samples:
            pred = sample['pred_sem_seg']['data'].squeeze()
            if not self.format_only:
                label = sample['gt_sem_seg']['data'].squeeze().to(pred)
                self.results.append(
                    self.sparse_confusion(pred, label, num_classes,
                                          sample.get('seg_map_path')))
            if self.output_dir is not None:
                self.write_prediction(sample, pred.cpu().numpy())

    def sparse_confusion(self, pred: torch.Tensor, label: torch.Tensor,
                         num_classes: int,
                         path: Optional[str] = None) -> SparseMatrix:
        """The image's confusion matrix as :data:`SparseMatrix`."""
        keep = label != self.ignore_index
        label, pred = label[keep].long(), pred[keep].long()
        bad = (label < 0) | (label >= num_classes)
        if bad.any():
            values = sorted(set(label[bad].unique().tolist()))
            raise ValueError(
                f'{path or "a label map"}: label values {values} are '
                f'neither one of the {num_classes} classes nor the ignore '
                f'index {self.ignore_index}')
        counts = torch.bincount(label * num_classes + pred,
                                minlength=num_classes**2).cpu().numpy()
        cells = np.flatnonzero(counts)
        return cells, counts[cells]

    def write_prediction(self, sample: dict, pred: np.ndarray) -> None:
        """The sample's class map into ``output_dir`` (see the class doc)."""
        crs, geo = sample.get('crs'), sample.get('geo_transform')
        stem = osp.splitext(osp.basename(sample['img_path']))[0]
        path = osp.join(self.output_dir, stem + class_map_suffix(crs, geo))
        # As mmseg: a dataset that reduced the zero label numbers its
        # classes from 1 in the files.
        offset = 1 if sample.get('reduce_zero_label', False) else 0
        write_class_map(path, pred + offset,
                        self.dataset_meta.get('classes'),
                        self.dataset_meta.get('palette') or [],
                        crs=crs, geo=geo, offset=offset)

    @staticmethod
    def confusion_to_metrics(area_intersect: np.ndarray,
                             area_pred: np.ndarray,
                             area_label: np.ndarray) -> Dict[str, np.ndarray]:
        """Scores in [0, 1] from the diagonal and marginals of a matrix.

        Returns scalars ``OA`` and ``Kappa`` and per-class arrays ``IoU``,
        ``Precision``, ``Recall`` and ``F1`` (NaN where undefined).
        """
        inter = np.asarray(area_intersect, dtype=np.float64)
        pred = np.asarray(area_pred, dtype=np.float64)
        label = np.asarray(area_label, dtype=np.float64)
        total = label.sum()
        with np.errstate(divide='ignore', invalid='ignore'):
            oa = inter.sum() / total
            # Agreement expected by chance from the two marginals.
            chance = (pred * label).sum() / total**2
            kappa = (oa - chance) / (1 - chance)
            return OrderedDict(
                OA=oa,
                Kappa=kappa,
                IoU=inter / (pred + label - inter),
                Precision=inter / pred,
                Recall=inter / label,
                # 2PR/(P+R) rewritten so a class that is never predicted
                # scores 0 instead of NaN.
                F1=2 * inter / (pred + label))

    def compute_metrics(self, results: List[SparseMatrix]
                        ) -> Dict[str, float]:
        """Reduce the per-image matrices to OA, Kappa and class scores."""
        logger: MMLogger = MMLogger.get_current_instance()
        if self.format_only:
            return OrderedDict()
        class_names = self.dataset_meta['classes']
        num_classes = len(class_names)
        matrix = np.zeros(num_classes**2, np.int64)
        for cells, counts in results:
            matrix[cells] += counts
        matrix = matrix.reshape(num_classes, num_classes)
        scores = self.confusion_to_metrics(
            np.diag(matrix), matrix.sum(0), matrix.sum(1))
        class_scores = {
            key: value
            for key, value in scores.items() if np.ndim(value) == 1
        }
        if self.per_image_iou:
            # The reference divides by union + 1e-8, so a class absent from
            # both maps scores 0 in that image instead of being skipped.
            class_scores['IoU_per_image'] = np.mean(
                [_image_iou(cells, counts, num_classes)
                 for cells, counts in results], axis=0)

        metrics = OrderedDict(
            OA=_percent(scores['OA']), Kappa=_percent(scores['Kappa']))
        for key in ('IoU', 'F1', 'Precision', 'Recall'):
            metrics['m' + key] = _percent(np.nanmean(class_scores[key]))
        if self.per_image_iou:
            per_image = class_scores['IoU_per_image']
            metrics['mIoU_per_image'] = _percent(per_image.mean())
        if self.reference_num_classes is not None:
            if self.reference_num_classes < len(per_image):
                raise ValueError(
                    f'reference_num_classes={self.reference_num_classes} is '
                    f'smaller than the {len(per_image)} classes of the '
                    'dataset; give the size of the reference\'s class '
                    'dictionary (7 for the GLCNet Potsdam setting)')
            metrics['mIoU_per_image_ref'] = _percent(
                per_image.sum() / self.reference_num_classes)

        if self.classwise:
            for key in ('IoU', 'F1'):
                for name, value in zip(class_names, class_scores[key]):
                    metrics[f'{key}.{name}'] = _percent(value)

        table = PrettyTable()
        table.add_column('Class', list(class_names))
        for key, value in class_scores.items():
            table.add_column(key, [_percent(v) for v in value])
        print_log('per class results:', logger)
        print_log('\n' + table.get_string(), logger=logger)
        out_dir = metric_output_dir(self.out_dir) if self.save_files else None
        if out_dir is not None:
            self._write(out_dir, matrix, class_scores, list(class_names))
        return metrics

    def _write(self, out_dir: str, matrix: np.ndarray,
               class_scores: Dict[str, np.ndarray],
               names: List[str]) -> None:
        stem = self.prefix or 'seg'
        save_confusion_matrix(out_dir, stem, matrix, names,
                              'confusion matrix (pixels)',
                              self.confusion_figure)
        keys = list(class_scores)
        write_table_csv(
            osp.join(out_dir, f'{stem}_per_class.csv'),
            ['class', 'support', *keys],
            [[name, int(matrix[i].sum()),
              *(f'{class_scores[k][i]:.6f}' for k in keys)]
             for i, name in enumerate(names)])


def _image_iou(cells: np.ndarray, counts: np.ndarray,
               num_classes: int) -> np.ndarray:
    """Per-class IoU of one image's sparse matrix, 0 for absent classes."""
    true, pred = np.divmod(cells, num_classes)
    inter = np.bincount(true[true == pred], counts[true == pred],
                        minlength=num_classes)
    union = (np.bincount(true, counts, minlength=num_classes) +
             np.bincount(pred, counts, minlength=num_classes) - inter)
    return inter / (union + 1e-8)


def _percent(value: float) -> float:
    """Round a [0, 1] score to a percentage with two decimals."""
    return round(float(value) * 100, 2)


@METRICS.register_module()
class RSSegMetric(RSISegMetric):
    """The name :class:`RSISegMetric` had before the package settled on one
    ``RSI`` prefix; same metric, same defaults."""
