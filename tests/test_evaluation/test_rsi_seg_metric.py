import numpy as np
import pytest
import torch
from mmengine.structures import PixelData
from mmseg.structures import SegDataSample
from sklearn.metrics import (accuracy_score, cohen_kappa_score, f1_score,
                             jaccard_score, precision_score, recall_score)

from grsim_mm.evaluation import RSSegMetric

NUM_CLASSES = 5
IGNORE = 255
CLASSES = tuple(f'c{i}' for i in range(NUM_CLASSES))


def _random_maps(seed: int, num_images: int = 4, size: int = 24):
    """Correlated predictions and labels with some ignored label pixels."""
    rng = np.random.default_rng(seed)
    labels, preds = [], []
    for _ in range(num_images):
        label = rng.integers(0, NUM_CLASSES, (size, size))
        pred = np.where(
            rng.random((size, size)) < 0.6, label,
            rng.integers(0, NUM_CLASSES, (size, size)))
        label[rng.random((size, size)) < 0.1] = IGNORE
        labels.append(label.astype(np.uint8))
        preds.append(pred.astype(np.int64))
    return preds, labels


def _evaluate(preds, labels, classes=CLASSES, **kwargs):
    metric = RSSegMetric(ignore_index=IGNORE, **kwargs)
    metric.dataset_meta = dict(classes=classes)
    samples = []
    for pred, label in zip(preds, labels):
        sample = SegDataSample()
        sample.pred_sem_seg = PixelData(data=torch.from_numpy(pred)[None])
        sample.gt_sem_seg = PixelData(
            data=torch.from_numpy(label.astype(np.int64))[None])
        samples.append(sample.to_dict())
    metric.process({}, samples)
    return metric.evaluate(len(samples))


def _valid_pixels(preds, labels):
    y_true = np.concatenate([label.ravel() for label in labels])
    y_pred = np.concatenate([pred.ravel() for pred in preds])
    keep = y_true != IGNORE
    return y_true[keep], y_pred[keep]


@pytest.mark.parametrize('seed', [0, 1, 2])
def test_global_scores_match_sklearn(seed):
    preds, labels = _random_maps(seed)
    res = _evaluate(preds, labels, classwise=True)
    y_true, y_pred = _valid_pixels(preds, labels)
    everything = list(range(NUM_CLASSES))

    assert res['OA'] == pytest.approx(
        100 * accuracy_score(y_true, y_pred), abs=0.006)
    assert res['Kappa'] == pytest.approx(
        100 * cohen_kappa_score(y_true, y_pred), abs=0.006)
    f1 = f1_score(y_true, y_pred, labels=everything, average=None)
    iou = jaccard_score(y_true, y_pred, labels=everything, average=None)
    for c, name in enumerate(CLASSES):
        assert res[f'F1.{name}'] == pytest.approx(100 * f1[c], abs=0.006)
        assert res[f'IoU.{name}'] == pytest.approx(100 * iou[c], abs=0.006)
    assert res['mIoU'] == pytest.approx(100 * iou.mean(), abs=0.006)
    assert res['mF1'] == pytest.approx(100 * f1.mean(), abs=0.006)
    assert res['mPrecision'] == pytest.approx(
        100 * precision_score(y_true, y_pred, average='macro'), abs=0.006)
    assert res['mRecall'] == pytest.approx(
        100 * recall_score(y_true, y_pred, average='macro'), abs=0.006)


def test_ignored_pixels_do_not_count():
    preds, labels = _random_maps(3)
    flipped = [pred.copy() for pred in preds]
    for pred, label in zip(flipped, labels):
        ignored = label == IGNORE
        pred[ignored] = (pred[ignored] + 1) % NUM_CLASSES
    assert _evaluate(preds, labels) == _evaluate(flipped, labels)


def test_kappa_by_hand():
    # Confusion matrix [[3, 1], [2, 4]] (rows = truth): po = 0.7,
    # pe = (4*5 + 6*5) / 100 = 0.5, kappa = 0.2 / 0.5 = 0.4.
    label = np.array([[0, 0, 0, 0, 1, 1, 1, 1, 1, 1]], dtype=np.uint8)
    pred = np.array([[0, 0, 0, 1, 0, 0, 1, 1, 1, 1]])
    res = _evaluate([pred], [label])
    assert res['OA'] == pytest.approx(70.0)
    assert res['Kappa'] == pytest.approx(40.0)


def test_absent_class_is_left_out_of_means():
    # Classes 3 and 4 occur in neither map: their IoU is undefined.
    label = np.array([[0, 0, 1, 1, 2, 2]], dtype=np.uint8)
    pred = np.array([[0, 1, 1, 1, 2, 2]])
    res = _evaluate([pred], [label])
    # IoU: class 0 = 1/2, class 1 = 2/3, class 2 = 1.
    assert res['mIoU'] == pytest.approx(100 * (1 / 2 + 2 / 3 + 1) / 3,
                                        abs=0.006)


def _reference_per_image_miou(preds, labels):
    """The reference's loop: absent classes score 0, mean over images."""
    per_image = np.zeros((len(preds), NUM_CLASSES))
    for i, (pred, label) in enumerate(zip(preds, labels)):
        keep = label != IGNORE
        p, t = pred[keep], label[keep]
        for c in range(NUM_CLASSES):
            inter = np.sum((p == c) & (t == c))
            union = np.sum((p == c) | (t == c))
            per_image[i, c] = inter / (union + 1e-8)
    return per_image.mean(0).mean()


def test_per_image_miou_matches_reference_loop():
    preds, labels = _random_maps(4, num_images=3)
    # Make class 4 vanish from the second image so the "absent scores 0"
    # rule matters.
    preds[1][preds[1] == 4] = 0
    labels[1][labels[1] == 4] = 0
    res = _evaluate(preds, labels, per_image_iou=True)
    expected = 100 * _reference_per_image_miou(preds, labels)
    assert res['mIoU_per_image'] == pytest.approx(expected, abs=0.006)
    assert res['mIoU_per_image'] < res['mIoU']


def test_labels_outside_the_classes_name_the_file():
    metric = RSSegMetric(ignore_index=IGNORE)
    metric.dataset_meta = dict(classes=CLASSES)
    sample = SegDataSample(metainfo=dict(seg_map_path='tiles/t7.tif'))
    sample.pred_sem_seg = PixelData(data=torch.zeros(1, 2, 3).long())
    sample.gt_sem_seg = PixelData(
        data=torch.tensor([[[0, 7, 255], [1, 9, 2]]]))
    with pytest.raises(ValueError, match=r'tiles/t7.tif: label values '
                       r'\[7, 9\] are neither one of the 5 classes'):
        metric.process({}, [sample.to_dict()])


def test_confusion_matrix_and_per_class_files(tmp_path):
    from sklearn.metrics import confusion_matrix

    from grsim_mm.evaluation.metrics.confusion_files import \
        read_confusion_csv
    preds, labels = _random_maps(5)
    _evaluate(preds, labels, out_dir=str(tmp_path / 'csv_only'))
    assert sorted(p.name for p in (tmp_path / 'csv_only').iterdir()) == [
        'seg_confusion_matrix.csv', 'seg_per_class.csv']
    res = _evaluate(preds, labels, out_dir=str(tmp_path),
                    confusion_figure=True)
    matrix, names = read_confusion_csv(tmp_path / 'seg_confusion_matrix.csv')
    y_true, y_pred = _valid_pixels(preds, labels)
    assert names == list(CLASSES)
    np.testing.assert_array_equal(
        matrix, confusion_matrix(y_true, y_pred, labels=range(NUM_CLASSES)))
    assert (tmp_path / 'seg_confusion_matrix.png').stat().st_size > 0
    rows = (tmp_path / 'seg_per_class.csv').read_text().splitlines()
    assert rows[0] == 'class,support,IoU,Precision,Recall,F1'
    iou = jaccard_score(y_true, y_pred, average=None)
    for row, support, value in zip(rows[1:], np.bincount(y_true), iou):
        fields = row.split(',')
        assert int(fields[1]) == support
        assert float(fields[2]) == pytest.approx(value, abs=1e-6)
    assert res['mIoU'] == pytest.approx(100 * iou.mean(), abs=0.006)
def test_reference_per_image_miou_counts_the_empty_class_by_hand():
    """The reference averages over its 7-entry class dictionary, whose
    class 0 never occurs. Two classes here, plus one empty class:
    image 1: label a a b b, prediction a b b b -> IoU a 1/2, b 2/3;
    image 2: label a a a a, prediction a a a a -> IoU a 1, b absent: 0.
    Over images: a 3/4, b 1/3, the empty class 0. Reference: (0 + 3/4 +
    1/3) / 3 = 36.11 %; over our two classes: (3/4 + 1/3) / 2 = 54.17 %."""
    labels = [np.array([[0, 0, 1, 1]], np.uint8), np.zeros((1, 4), np.uint8)]
    preds = [np.array([[0, 1, 1, 1]]), np.zeros((1, 4), np.int64)]
    res = _evaluate(preds, labels, classes=('a', 'b'),
                    reference_num_classes=3)
    assert res['mIoU_per_image_ref'] == 36.11
    assert res['mIoU_per_image'] == 54.17
    # the standard global mIoU: a 5/6, b 2/3
    assert res['mIoU'] == 75.0


def test_reference_num_classes_below_the_dataset_is_refused():
    preds, labels = _random_maps(5, num_images=1)
    with pytest.raises(ValueError, match='smaller than the 5 classes'):
        _evaluate(preds, labels, reference_num_classes=4)
