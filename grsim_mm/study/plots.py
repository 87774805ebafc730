"""Study figures: bars, curves and prediction overlays in the toolbox's
plot style (:mod:`grsim_mm.visualization.style`) with a colour per method
(the random-init row always grey), so a method looks the same in every
figure of a report."""
from collections import OrderedDict
from typing import Dict, List, Mapping, Optional, Sequence, Tuple

import numpy as np

from ..visualization.style import figure
from .outputs import read_scalars
from .table import Summary
from .tasks import PAPER_METRICS, labels_text

#: Colour of the rows fine-tuned from random weights.
RANDOM_COLOUR = '0.55'
LINESTYLES = ('-', '--', ':', '-.')


def method_colours(methods: Sequence[str]) -> Dict[str, str]:
    """A fixed colour per method, in table order (tab10)."""
    colours, i = {}, 0
    for method in methods:
        if method.startswith('random'):
            colours[method] = RANDOM_COLOUR
        else:
            colours[method] = f'C{i % 10}'
            i += 1
    return colours


def plot_bars(summary: Summary,
              out_file: str,
              metrics: Sequence[str] = PAPER_METRICS,
              title: str = '') -> None:
    """One panel per metric: a group of bars per amount of labels (and
    dataset, with ``(method, dataset, fraction)`` keys), a bar per method in
    its colour, the seed std as error bars."""
    methods = list(OrderedDict.fromkeys(k[0] for k in summary))
    groups = list(OrderedDict.fromkeys(tuple(k[1:]) for k in summary))
    colours = method_colours(methods)
    width = 0.8 / len(methods)
    panel = max(3.0, 1.2 + 0.3 * len(methods) * len(groups))
    x = np.arange(len(groups))
    with figure(out_file, 1, len(metrics), (panel, 3.6), title) as axes:
        for ax, metric in zip(axes[0], metrics):
            for i, method in enumerate(methods):
                stats = [summary.get((method, ) + g, {}).get(
                    metric, (np.nan, 0.0, 0)) for g in groups]
                spread = any(s[2] > 1 for s in stats)
                ax.bar(x + (i - (len(methods) - 1) / 2) * width,
                       [s[0] for s in stats], width,
                       yerr=[s[1] if s[2] > 1 else 0 for s in stats]
                       if spread else None,
                       capsize=2, color=colours[method], label=method)
            ax.set_xticks(x)
            ax.set_xticklabels([
                '\n'.join([*map(str, g[:-1]), f'{labels_text(g[-1])} labels'])
                for g in groups
            ])
            ax.set_title(metric)
            ax.grid(axis='x', visible=False)
        axes[0, -1].legend(loc='upper left', bbox_to_anchor=(1.02, 1))


def _epoch_means(records: List[Dict], key: str) -> Tuple[list, list]:
    """Per-epoch means of a training scalar (for iteration logs)."""
    by_epoch: Dict[int, List[float]] = {}
    for rec in records:
        if key in rec and 'epoch' in rec:
            by_epoch.setdefault(rec['epoch'], []).append(rec[key])
    epochs = sorted(by_epoch)
    return epochs, [float(np.mean(by_epoch[e])) for e in epochs]


def scalar_curve(records: List[Dict], key: str) -> Tuple[list, list]:
    """x and y of one scalar of a run: the per-epoch means of a training
    scalar logged per iteration of an epoch-based run, else one point per
    record at its ``step`` (validation metrics: the epoch of an epoch-based
    run, the iteration of an iteration-based one)."""
    if any('epoch' in r for r in records if key in r):
        return _epoch_means(records, key)
    return ([r['step'] for r in records if key in r],
            [r[key] for r in records if key in r])


def step_unit(records: List[Dict]) -> str:
    """What the x axis of a run's curves counts."""
    return 'epoch' if any('epoch' in r for r in records) else 'iteration'


def plot_curves(runs: Mapping[str, str],
                out_file: str,
                keys: Sequence[str] = ('loss', ),
                title: str = '',
                colours: Optional[Mapping[str, str]] = None,
                styles: Optional[Mapping[str, str]] = None) -> None:
    """Per-epoch means of training scalars (or per-epoch validation
    metrics) of several runs: label -> Runner work dir, run directory or
    ``scalars.json`` (see :func:`read_scalars`). ``colours`` and ``styles``
    give a label its colour and line style (default: one colour per
    label)."""
    colours = dict(colours or method_colours(list(runs)))
    logs = {label: read_scalars(path) for label, path in runs.items()}
    with figure(out_file, 1, len(keys), (5.0, 3.5), title) as axes:
        for ax, key in zip(axes[0], keys):
            units = set()
            for label, records in logs.items():
                x, y = scalar_curve(records, key)
                units.add(step_unit(records))
                ax.plot(x, y, marker='.', label=label,
                        color=colours.get(label),
                        linestyle=(styles or {}).get(label, '-'))
            ax.set_xlabel(' / '.join(sorted(units)))
            ax.set_ylabel(key)
            ax.legend()
