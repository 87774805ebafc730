"""The one plot style of study figures: bars, curves and prediction
overlays share the rc settings, the figure saving and a colour per method
(the random-init row always grey), so a method looks the same in every
figure of a report."""
from collections import OrderedDict
from contextlib import contextmanager
from typing import Dict, Iterator, List, Mapping, Optional, Sequence, Tuple

import numpy as np

from .outputs import read_scalars
from .table import Summary
from .tasks import PAPER_METRICS, labels_text

STYLE = {
    'font.size': 9,
    'axes.titlesize': 10,
    'axes.labelsize': 9,
    'legend.fontsize': 8,
    'xtick.labelsize': 8,
    'ytick.labelsize': 8,
    'axes.grid': True,
    'grid.alpha': 0.3,
    'axes.spines.top': False,
    'axes.spines.right': False,
}
DPI = 120
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


@contextmanager
def figure(out_file: str,
           rows: int = 1,
           cols: int = 1,
           panel: Tuple[float, float] = (5.0, 3.5),
           title: str = '',
           grid: bool = True) -> Iterator[np.ndarray]:
    """A ``rows x cols`` array of axes in the study style, saved to
    ``out_file`` (and closed) when the block ends."""
    import matplotlib
    matplotlib.use('Agg')
    import matplotlib.pyplot as plt

    with plt.rc_context(dict(STYLE, **{'axes.grid': grid})):
        fig, axes = plt.subplots(
            rows, cols, figsize=(panel[0] * cols, panel[1] * rows),
            squeeze=False)
        try:
            yield axes
            if title:
                fig.suptitle(title)
            fig.tight_layout()
            fig.savefig(out_file, dpi=DPI, bbox_inches='tight')
        finally:
            plt.close(fig)


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


def plot_curves(runs: Mapping[str, str],
                out_file: str,
                keys: Sequence[str] = ('loss', ),
                title: str = '',
                colours: Optional[Mapping[str, str]] = None,
                styles: Optional[Mapping[str, str]] = None) -> None:
    """Per-epoch means of training scalars (or per-epoch validation
    metrics) of several runs: label -> Runner work dir. ``colours`` and
    ``styles`` give a label its colour and line style (default: one colour
    per label)."""
    colours = dict(colours or method_colours(list(runs)))
    with figure(out_file, 1, len(keys), (5.0, 3.5), title) as axes:
        for ax, key in zip(axes[0], keys):
            for label, work_dir in runs.items():
                records = read_scalars(work_dir)
                if any('epoch' in r for r in records if key in r):
                    x, y = _epoch_means(records, key)
                else:
                    # Validation records: one per epoch, 'step' is the epoch.
                    x = [r['step'] for r in records if key in r]
                    y = [r[key] for r in records if key in r]
                ax.plot(x, y, marker='.', label=label,
                        color=colours.get(label),
                        linestyle=(styles or {}).get(label, '-'))
            ax.set_xlabel('epoch')
            ax.set_ylabel(key)
            ax.legend()
