"""The one results table: run records -> summary over seeds -> Markdown,
and the verdict a comparison of two rows supports.

A record is ``dict(method=..., fraction=..., seed=..., metrics={...})``;
``fraction`` is the amount of labels (see :mod:`.tasks`), ``dataset`` the
target dataset of a study over several. The summary maps a row key,
``(method, fraction)`` by default, to ``metric -> (mean, std,
n)`` where ``std`` is the sample standard deviation over seeds (ddof 1,
0 for a single seed).
"""
import math
from collections import OrderedDict
from typing import Any, Dict, List, Mapping, Optional, Sequence, Tuple

import numpy as np

from .tasks import PAPER_METRICS, labels_text

Stats = Tuple[float, float, int]
Summary = Mapping[tuple, Mapping[str, Stats]]

#: Column title of each record key.
KEY_TITLES = {'method': 'method', 'fraction': 'labels', 'dataset': 'dataset'}
ROW_KEYS = ('method', 'fraction')


def slug(name: str) -> str:
    """A file-name friendly form of a method name ('random init')."""
    return '_'.join(name.split()).replace('/', '-')


def summarise(records: Sequence[Mapping[str, Any]],
              metrics: Sequence[str] = PAPER_METRICS,
              keys: Sequence[str] = ROW_KEYS) -> Dict[tuple, Dict[str, Stats]]:
    """Row key -> metric -> (mean, std, n) over the records of the row, in
    the order rows first appear."""
    groups: Dict[tuple, List[Mapping[str, float]]] = OrderedDict()
    for rec in records:
        groups.setdefault(tuple(rec[k] for k in keys),
                          []).append(rec['metrics'])
    summary: Dict[tuple, Dict[str, Stats]] = OrderedDict()
    for key, runs in groups.items():
        summary[key] = {}
        for m in metrics:
            values = np.array([r[m] for r in runs if m in r], dtype=float)
            if values.size == 0:
                summary[key][m] = (math.nan, math.nan, 0)
                continue
            std = values.std(ddof=1) if values.size > 1 else 0.0
            summary[key][m] = (float(values.mean()), float(std),
                               int(values.size))
    return summary


def format_cell(stats: Stats) -> str:
    """``mean ± std`` over several seeds, ``mean`` for one, ``-`` for none."""
    mean, std, n = stats
    if n == 0:
        return '-'
    return f'{mean:.2f} ± {std:.2f}' if n > 1 else f'{mean:.2f}'


def format_table(summary: Summary,
                 metrics: Sequence[str] = PAPER_METRICS,
                 keys: Sequence[str] = ROW_KEYS) -> str:
    """Markdown: one row per summary key, one column per metric."""
    titles = [KEY_TITLES.get(k, k) for k in keys]
    lines = ['| ' + ' | '.join([*titles, *metrics]) + ' |',
             '|---|' + '---:|' * (len(keys) - 1 + len(metrics))]
    for key, values in summary.items():
        cells = [labels_text(v) if k == 'fraction' else str(v)
                 for k, v in zip(keys, key)]
        cells += [format_cell(values.get(m, (math.nan, math.nan, 0)))
                  for m in metrics]
        lines.append('| ' + ' | '.join(cells) + ' |')
    return '\n'.join(lines)


def format_results(results: Mapping[str, Mapping[str, float]],
                   metrics: Sequence[str] = PAPER_METRICS) -> str:
    """A table of single runs: method -> metrics, ``-`` where missing."""
    records = [dict(method=m, metrics=v) for m, v in results.items()]
    return format_table(summarise(records, metrics, ('method', )), metrics,
                        ('method', ))


def verdict(summary: Summary,
            first: str,
            second: str,
            metric: str = 'Kappa',
            keys: Sequence[str] = ROW_KEYS) -> str:
    """Whether row ``first`` beats row ``second`` on ``metric``, per amount
    of labels (and dataset), with summary keys ``keys`` (the method first,
    the amount of labels last).

    Over several seeds a side is named only when the difference of the
    means exceeds the spread, the sum of the two sample standard
    deviations; otherwise the sentence says there is no verdict. With one
    seed the spread is unknown, and the sentence says so.
    """
    sentences = []
    for key, values in summary.items():
        method, rest = key[0], tuple(key[1:])
        other: Optional[Mapping[str, Stats]] = summary.get((second, ) + rest)
        if method != first or other is None:
            continue
        (mean_a, std_a, n_a), (mean_b, std_b, n_b) = \
            values[metric], other[metric]
        if n_a == 0 or n_b == 0:
            continue
        named = dict(zip(keys[1:], rest))
        at = f'at {labels_text(rest[-1])} labels'
        if named.get('dataset') is not None:
            at += f' on {named["dataset"]}'
        if n_a < 2 or n_b < 2:
            beats = 'beats' if mean_a > mean_b else 'does NOT beat'
            sentences.append(
                f'{first} {beats} {second} on {metric} {at} '
                f'({mean_a:.2f} vs {mean_b:.2f}); one seed, so the spread '
                'between seeds is not measured.')
            continue
        diff, spread = mean_a - mean_b, std_a + std_b
        pair = (f'{format_cell(values[metric])} vs '
                f'{format_cell(other[metric])} over {min(n_a, n_b)} seeds')
        if abs(diff) > spread:
            winner, loser = (first, second) if diff > 0 else (second, first)
            sentences.append(
                f'{winner} beats {loser} on {metric} {at} ({pair}; the '
                f'difference {abs(diff):.2f} exceeds the spread '
                f'{spread:.2f}).')
        else:
            sentences.append(
                f'No verdict between {first} and {second} on {metric} {at}: '
                f'the difference {abs(diff):.2f} is within the spread '
                f'{spread:.2f} ({pair}).')
    return ' '.join(sentences)
