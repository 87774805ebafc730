"""Remote-sensing segmentation metric: OA, Kappa, IoU, F1 from one matrix."""
from collections import OrderedDict
from typing import Dict, Optional

import numpy as np
import torch
from mmengine.logging import MMLogger, print_log
from mmseg.evaluation.metrics import IoUMetric
from mmseg.registry import METRICS
from prettytable import PrettyTable


@METRICS.register_module()
class RSISegMetric(IoUMetric):
    """Overall accuracy, Cohen's Kappa and per-class scores for RS benchmarks.

    Remote-sensing papers report OA and Kappa next to mIoU, all read off one
    confusion matrix accumulated over the whole test set. mmseg's
    :meth:`IoUMetric.intersect_and_union` already yields, per image, the
    diagonal (intersection) and both marginals (prediction and label
    histograms) of that matrix, and those are all that OA, Kappa, IoU,
    precision, recall and F1 need, so this metric reuses it unchanged and
    only adds the reductions. Pixels equal to ``ignore_index`` are dropped
    before anything is counted.

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
        output_dir (str, optional): Where to write prediction PNGs, as in
            :class:`IoUMetric`.
        format_only (bool): Only write predictions, compute nothing.
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

    def compute_metrics(self, results: list) -> Dict[str, float]:
        """Reduce the per-image histograms to OA, Kappa and class scores."""
        logger: MMLogger = MMLogger.get_current_instance()
        if self.format_only:
            return OrderedDict()
        inter, union, pred, label = (
            torch.stack(column).numpy() for column in zip(*results))
        scores = self.confusion_to_metrics(
            inter.sum(0), pred.sum(0), label.sum(0))
        class_scores = {
            key: value
            for key, value in scores.items() if np.ndim(value) == 1
        }
        if self.per_image_iou:
            # The reference divides by union + 1e-8, so a class absent from
            # both maps scores 0 in that image instead of being skipped.
            class_scores['IoU_per_image'] = (inter / (union + 1e-8)).mean(0)

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

        class_names = self.dataset_meta['classes']
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
        return metrics


def _percent(value: float) -> float:
    """Round a [0, 1] score to a percentage with two decimals."""
    return round(float(value) * 100, 2)


@METRICS.register_module()
class RSSegMetric(RSISegMetric):
    """The name :class:`RSISegMetric` had before the package settled on one
    ``RSI`` prefix; same metric, same defaults."""
