"""The results table over seeds and the verdict, against hand computations."""
import math

import pytest

from grsim_mm.study import format_results, format_table, summarise, verdict


def records(rows):
    """rows: (method, fraction) -> list of Kappa values, one per seed."""
    return [dict(method=m, fraction=f, seed=s,
                 metrics=dict(OA=50. + k / 2, Kappa=k, mIoU=40.))
            for (m, f), kappas in rows.items()
            for s, k in enumerate(kappas)]


def test_mean_and_sample_std_by_hand():
    summary = summarise(records({('A', 1): [70., 72., 77.],
                                 ('B', 1): [60., 61., 62.]}))
    # mean 73; deviations -3, -1, 4; sample variance (9 + 1 + 16) / 2 = 13
    assert summary[('A', 1)]['Kappa'] == pytest.approx((73., math.sqrt(13),
                                                         3))
    assert summary[('B', 1)]['Kappa'] == pytest.approx((61., 1., 3))
    # the same OA for every seed of B: 80.5 ± 0.5
    assert summary[('B', 1)]['OA'] == pytest.approx((80.5, 0.5, 3))
    lines = format_table(summary).splitlines()
    assert lines[2] == '| A | 1% | 86.50 ± 1.80 | 73.00 ± 3.61 | ' \
                       '40.00 ± 0.00 |'
    assert lines[3] == '| B | 1% | 80.50 ± 0.50 | 61.00 ± 1.00 | ' \
                       '40.00 ± 0.00 |'


def test_named_label_subsets_and_other_keys():
    recs = records({('A', '5/class'): [10., 20.]})
    for rec in recs:
        rec['dataset'] = 'eurosat'
    keys = ('method', 'dataset', 'fraction')
    summary = summarise(recs, ('Kappa', ), keys)
    assert format_table(summary, ('Kappa', ), keys).splitlines() == [
        '| method | dataset | labels | Kappa |', '|---|---:|---:|---:|',
        '| A | eurosat | 5/class | 15.00 ± 7.07 |']


def test_a_missing_metric_is_a_dash():
    summary = summarise([dict(method='A', fraction=1, seed=0,
                              metrics=dict(OA=1.))])
    assert summary[('A', 1)]['mIoU'][2] == 0
    assert format_table(summary).splitlines()[2] == '| A | 1% | 1.00 | - | - |'
    assert format_results({'A': {'OA': 1.}}).splitlines()[2] == \
        '| A | 1.00 | - | - |'


def test_verdict_only_beyond_the_spread():
    summary = summarise(records({
        ('A', 1): [70., 72., 77.], ('B', 1): [60., 61., 62.],
        ('A', 5): [70., 74.], ('B', 5): [71., 72.]}))
    text = verdict(summary, 'A', 'B')
    # 1 %: difference 12 > spread sqrt(13) + 1 = 4.61
    assert ('A beats B on Kappa at 1% labels (73.00 ± 3.61 vs 61.00 ± 1.00 '
            'over 3 seeds; the difference 12.00 exceeds the spread 4.61).'
            ) in text
    # 5 %: 72 ± 2.83 vs 71.5 ± 0.71: difference 0.5 < spread 3.54
    assert ('No verdict between A and B on Kappa at 5% labels: the '
            'difference 0.50 is within the spread 3.54 (72.00 ± 2.83 vs '
            '71.50 ± 0.71 over 2 seeds).') in text
    # the side that wins is named, whichever is asked first
    assert verdict(summary, 'B', 'A').startswith(
        'A beats B on Kappa at 1% labels')


def test_verdict_of_one_seed_says_the_spread_is_unknown():
    summary = summarise(records({('A', 1): [70.], ('B', 1): [75.]}))
    assert verdict(summary, 'A', 'B') == (
        'A does NOT beat B on Kappa at 1% labels (70.00 vs 75.00); one '
        'seed, so the spread between seeds is not measured.')
    assert verdict(summary, 'A', 'C') == ''
