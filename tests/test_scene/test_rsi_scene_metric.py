"""RSISceneMetric against scikit-learn and a hand-computed kappa."""
import csv

import numpy as np
import pytest
import torch
from mmpretrain.registry import METRICS
from mmpretrain.structures import DataSample
from sklearn.metrics import (accuracy_score, balanced_accuracy_score,
                             cohen_kappa_score, confusion_matrix,
                             precision_recall_fscore_support)

from grsim_mm.evaluation.metrics.rsi_scene_metric import (
    RSISceneMetric, confusion_matrix as our_matrix, scene_scores)


def samples(gt, pred):
    return [
        DataSample().set_gt_label(int(g)).set_pred_label(int(p)).to_dict()
        for g, p in zip(gt, pred)
    ]


def evaluate(metric, gt, pred, batch=7):
    for start in range(0, len(gt), batch):
        metric.process(None, samples(gt[start:start + batch],
                                     pred[start:start + batch]))
    return metric.evaluate(len(gt))


@pytest.mark.parametrize('seed', [0, 1, 2])
def test_against_sklearn(seed, tmp_path):
    rng = np.random.default_rng(seed)
    num_classes = 6
    gt = rng.integers(0, num_classes, 200)
    # mostly right, with class-dependent confusions
    pred = np.where(rng.random(200) < 0.6, gt, rng.integers(0, num_classes,
                                                            200))
    metric = METRICS.build(dict(type='RSISceneMetric', classwise=True,
                                out_dir=str(tmp_path)))
    metric.dataset_meta = dict(classes=[f'c{i}' for i in range(num_classes)])
    out = evaluate(metric, gt, pred)
    labels = list(range(num_classes))
    p, r, f, _ = precision_recall_fscore_support(
        gt, pred, labels=labels, zero_division=0)
    assert out['scene/OA'] == pytest.approx(accuracy_score(gt, pred) * 100)
    assert out['scene/AA'] == pytest.approx(
        balanced_accuracy_score(gt, pred) * 100)
    assert out['scene/kappa'] == pytest.approx(cohen_kappa_score(gt, pred))
    assert out['scene/mean_precision'] == pytest.approx(p.mean() * 100)
    assert out['scene/mean_f1'] == pytest.approx(f.mean() * 100)
    np.testing.assert_allclose(out['scene/precision_per_class'], p * 100)
    np.testing.assert_allclose(out['scene/recall_per_class'], r * 100)
    np.testing.assert_allclose(out['scene/f1_per_class'], f * 100)
    expected = confusion_matrix(gt, pred, labels=labels)
    np.testing.assert_array_equal(out['scene/confusion_matrix'], expected)
    # the matrix and the table are saved, with the class names
    with open(tmp_path / 'scene_confusion_matrix.csv') as fh:
        rows = list(csv.reader(fh))
    assert rows[0][1:] == metric.dataset_meta['classes']
    np.testing.assert_array_equal(
        np.array([r[1:] for r in rows[1:]], dtype=int), expected)
    with open(tmp_path / 'scene_per_class.csv') as fh:
        table = list(csv.DictReader(fh))
    assert [int(t['support']) for t in table] == expected.sum(1).tolist()
    np.testing.assert_allclose([float(t['f1']) for t in table], f, atol=1e-6)


def test_kappa_by_hand():
    # rows true, columns predicted; n = 50, p0 = 35
    matrix = np.array([[20, 5], [10, 15]])
    scores = scene_scores(matrix)
    expected = (50 * 35 - (25 * 30 + 25 * 20)) / (50**2 -
                                                  (25 * 30 + 25 * 20))
    assert scores['kappa'] == pytest.approx(expected)
    assert scores['kappa'] == pytest.approx(0.4)
    assert scores['OA'] == pytest.approx(0.7)
    assert scores['AA'] == pytest.approx((20 / 25 + 15 / 25) / 2)
    # precision of class 0: 20 of the 30 predicted
    assert scores['precision'][0] == pytest.approx(20 / 30)


def test_class_missing_from_ground_truth():
    """Macro means run over the classes of the ground truth; a class only
    predicted lowers precision but adds no recall term."""
    gt = np.array([0, 0, 1, 1, 1, 2])
    pred = np.array([0, 3, 1, 1, 0, 2])
    out = evaluate(RSISceneMetric(num_classes=4, save_files=False), gt, pred)
    present = [0, 1, 2]
    p, _, f, _ = precision_recall_fscore_support(
        gt, pred, labels=present, zero_division=0)
    assert out['scene/AA'] == pytest.approx(
        balanced_accuracy_score(gt, pred) * 100)
    assert out['scene/mean_precision'] == pytest.approx(p.mean() * 100)
    assert out['scene/mean_f1'] == pytest.approx(f.mean() * 100)
    assert out['scene/kappa'] == pytest.approx(cohen_kappa_score(gt, pred))
    assert 'scene/confusion_matrix' not in out


def test_matrix_helper_and_label_check():
    gt = torch.tensor([0, 1, 2, 2]).numpy()
    pred = torch.tensor([0, 2, 2, 1]).numpy()
    np.testing.assert_array_equal(
        our_matrix(gt, pred, 3), confusion_matrix(gt, pred, labels=[0, 1,
                                                                   2]))
    with pytest.raises(ValueError, match='labels up to 5 for 3 classes'):
        evaluate(RSISceneMetric(num_classes=3, save_files=False), [0, 5],
                 [0, 1])
