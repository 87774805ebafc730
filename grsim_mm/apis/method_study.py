"""Compare pretraining methods: pretrain -> fine-tune at label fractions ->
test, over seeds, summarised as one method x fraction table.

The stages are those of :mod:`grsim_mm.apis.study` (each one a
``tools/train.py`` / ``tools/test.py`` subprocess); this module only adds
the grid over methods, fractions and seeds, the aggregation and the plots.
"""
import json
import os
import os.path as osp
import time
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Any, Dict, List, Mapping, Optional, Sequence

import numpy as np

from .study import (PAPER_METRICS, SEG_LOADERS, data_root_options,
                    find_checkpoint, read_test_metrics, test, train)

#: Label fraction (percent) -> training split name.
FRACTION_SPLITS = {1: 'trainR1', 5: 'trainR5', 10: 'trainR10', 100: 'train'}
#: Name of the row fine-tuned from a random initialisation.
RANDOM_INIT = 'random init'


def method_name(config: str) -> str:
    """Method name of a pretraining config: its name up to the first '_'."""
    return osp.basename(config).split('_')[0]


@dataclass
class MethodStudy:
    """A grid of pretraining methods x label fractions x seeds.

    Args:
        pretrain_configs: Method name -> pretraining config.
        finetune_config: The one fine-tuning config every method goes
            through; its ``model.init_cfg`` (``PretrainedPart``) receives
            each pretraining checkpoint.
        fractions: Label fractions in percent (keys of
            :data:`FRACTION_SPLITS`).
        seeds: Seeds; each seed pretrains and fine-tunes anew.
        with_random_init: Add a row fine-tuned from random weights.
        data_root: Dataset root passed to every stage.
        pretrain_options: Extra cfg-options of every pretraining run.
        finetune_options: Extra cfg-options of every fine-tuning/test run.
        pretrain_checkpoint: Pattern of the pretraining checkpoint to keep.
    """
    pretrain_configs: Dict[str, str]
    finetune_config: str
    fractions: Sequence[int] = (1, )
    seeds: Sequence[int] = (0, )
    with_random_init: bool = True
    data_root: Optional[str] = None
    pretrain_options: Dict[str, Any] = field(default_factory=dict)
    finetune_options: Dict[str, Any] = field(default_factory=dict)
    pretrain_checkpoint: str = 'best_loss_*.pth'

    def __post_init__(self) -> None:
        unknown = [f for f in self.fractions if f not in FRACTION_SPLITS]
        if unknown:
            raise ValueError(f'unknown label fractions {unknown}; use '
                             f'{sorted(FRACTION_SPLITS)}')

    @property
    def methods(self) -> List[str]:
        names = list(self.pretrain_configs)
        return names + [RANDOM_INIT] if self.with_random_init else names

    def num_stages(self) -> int:
        runs = len(self.seeds) * len(self.fractions) * len(self.methods)
        return len(self.seeds) * len(self.pretrain_configs) + 2 * runs

    def run(self, work_dir: str, resume: bool = False) -> Dict[str, Any]:
        """Run every stage under ``work_dir``; return the raw records.

        With ``resume``, stages whose outputs already exist are skipped, so
        an interrupted study continues where it stopped.
        """
        records: List[Dict[str, Any]] = []
        progress = _Progress(self.num_stages())
        for seed in self.seeds:
            checkpoints = {}
            for method, config in self.pretrain_configs.items():
                out = osp.join(work_dir, f'seed{seed}', method, 'pretrain')
                progress.begin(f'seed {seed} pretrain {method}')
                checkpoints[method] = self._pretrain(config, out, seed,
                                                     resume)
            for fraction in self.fractions:
                for method in self.methods:
                    out = osp.join(work_dir, f'seed{seed}', method,
                                   f'{fraction}pct')
                    progress.begin(f'seed {seed} fine-tune {method} at '
                                   f'{fraction}%')
                    ckpt = self._finetune(checkpoints.get(method), out,
                                          fraction, seed, resume)
                    progress.begin(f'seed {seed} test {method} at '
                                   f'{fraction}%')
                    metrics = self._test(ckpt, out, fraction, seed, resume)
                    records.append(
                        dict(method=method, fraction=fraction, seed=seed,
                             metrics=metrics, checkpoint=ckpt,
                             pretrain_checkpoint=checkpoints.get(method)))
        progress.done()
        return dict(records=records, seconds=progress.seconds)

    def _pretrain(self, config: str, out: str, seed: int,
                  resume: bool) -> str:
        if resume:
            try:
                return find_checkpoint(out, self.pretrain_checkpoint)
            except FileNotFoundError:
                pass
        options = dict(data_root_options(self.data_root,
                                         ['train_dataloader']),
                       **{'randomness.seed': seed}, **self.pretrain_options)
        train(config, out, options, name=f'pretrain {method_name(config)}')
        return find_checkpoint(out, self.pretrain_checkpoint)

    def _seg_options(self, fraction: int, seed: int) -> Dict[str, Any]:
        return dict(
            data_root_options(self.data_root, SEG_LOADERS), **{
                'train_dataloader.dataset.split': FRACTION_SPLITS[fraction],
                'randomness.seed': seed
            }, **self.finetune_options)

    def _finetune(self, pretrain_ckpt: Optional[str], out: str,
                  fraction: int, seed: int, resume: bool) -> str:
        ft_dir = osp.join(out, 'finetune')
        if resume:
            try:
                return find_checkpoint(ft_dir)
            except FileNotFoundError:
                pass
        options = self._seg_options(fraction, seed)
        if pretrain_ckpt is None:
            options['model.init_cfg'] = None
        else:
            options['model.init_cfg.checkpoint'] = pretrain_ckpt
        train(self.finetune_config, ft_dir, options, name='fine-tune')
        return find_checkpoint(ft_dir)

    def _test(self, ckpt: str, out: str, fraction: int, seed: int,
              resume: bool) -> Dict[str, float]:
        test_dir = osp.join(out, 'test')
        if resume:
            try:
                return read_test_metrics(test_dir)
            except FileNotFoundError:
                pass
        options = self._seg_options(fraction, seed)
        options['model.init_cfg'] = None  # the checkpoint has all weights
        return test(self.finetune_config, ckpt, test_dir, options,
                    name='test')


class _Progress:
    """Stage counter with elapsed time and a naive remaining-time guess."""

    def __init__(self, total: int) -> None:
        self.total, self.count = total, 0
        self.start = self.last = time.time()
        self.seconds: Dict[str, float] = OrderedDict()
        self.current: Optional[str] = None

    def _close(self) -> None:
        if self.current is not None:
            self.seconds[self.current] = time.time() - self.last
        self.last = time.time()

    def begin(self, title: str) -> None:
        self._close()
        self.count += 1
        self.current = title
        elapsed = time.time() - self.start
        left = ''
        if self.count > 1:
            per_stage = elapsed / (self.count - 1)
            remaining = per_stage * (self.total - self.count + 1) / 60
            left = f', about {remaining:.0f} min left'
        print(f'\n==> [{self.count}/{self.total}] {title} '
              f'({elapsed / 60:.1f} min elapsed{left})', flush=True)

    def done(self) -> None:
        self._close()
        print(f'\n==> study finished in {(time.time() - self.start) / 60:.1f}'
              ' min', flush=True)


def summarise(records: Sequence[Mapping[str, Any]],
              metrics: Sequence[str] = PAPER_METRICS
              ) -> Dict[tuple, Dict[str, tuple]]:
    """(method, fraction) -> metric -> (mean, std, n) over seeds; std is
    the sample standard deviation (0 for a single seed)."""
    groups: Dict[tuple, List[Mapping[str, float]]] = OrderedDict()
    for rec in records:
        groups.setdefault((rec['method'], rec['fraction']),
                          []).append(rec['metrics'])
    summary = OrderedDict()
    for key, runs in groups.items():
        summary[key] = {}
        for m in metrics:
            values = np.array([r[m] for r in runs if m in r], dtype=float)
            std = values.std(ddof=1) if values.size > 1 else 0.0
            summary[key][m] = (float(values.mean()), float(std),
                               int(values.size))
    return summary


def format_table(summary: Mapping[tuple, Mapping[str, tuple]],
                 metrics: Sequence[str] = PAPER_METRICS) -> str:
    """Markdown: one row per method and fraction, ``mean ± std`` cells when
    several seeds were run."""
    lines = ['| method | labels | ' + ' | '.join(metrics) + ' |',
             '|---|---:|' + '---:|' * len(metrics)]
    for (method, fraction), values in summary.items():
        cells = []
        for m in metrics:
            mean, std, n = values[m]
            cells.append(f'{mean:.2f} ± {std:.2f}' if n > 1 else
                         f'{mean:.2f}')
        lines.append(f'| {method} | {fraction}% | ' + ' | '.join(cells) +
                     ' |')
    return '\n'.join(lines)


def plot_bars(summary: Mapping[tuple, Mapping[str, tuple]],
              out_file: str,
              metrics: Sequence[str] = PAPER_METRICS,
              title: str = '') -> None:
    """Grouped bars: one panel per metric, methods on the x axis, one bar
    per label fraction, seed std as error bars."""
    import matplotlib
    matplotlib.use('Agg')
    import matplotlib.pyplot as plt

    methods = list(OrderedDict.fromkeys(k[0] for k in summary))
    fractions = list(OrderedDict.fromkeys(k[1] for k in summary))
    width = 0.8 / len(fractions)
    panel = max(3.0, 1.0 + 0.45 * len(methods) * len(fractions))
    fig, axes = plt.subplots(
        1, len(metrics), figsize=(panel * len(metrics), 3.6), squeeze=False)
    x = np.arange(len(methods))
    for ax, metric in zip(axes[0], metrics):
        for i, fraction in enumerate(fractions):
            stats = [summary.get((m, fraction), {}).get(metric,
                                                       (np.nan, 0, 0))
                     for m in methods]
            ax.bar(x + (i - (len(fractions) - 1) / 2) * width,
                   [s[0] for s in stats], width,
                   yerr=[s[1] for s in stats], capsize=2,
                   label=f'{fraction}% labels')
        ax.set_xticks(x)
        ax.set_xticklabels(methods, rotation=30, ha='right', fontsize=8)
        ax.set_title(metric)
        ax.grid(axis='y', alpha=0.3)
    axes[0, 0].legend(fontsize=8)
    if title:
        fig.suptitle(title)
    fig.tight_layout()
    fig.savefig(out_file, dpi=120)
    plt.close(fig)


def write_study_report(study: MethodStudy, result: Mapping[str, Any],
                       out_dir: str, description: str = '') -> str:
    """Write ``results.md``, ``results.json`` and ``results.png``; return the
    Markdown table."""
    os.makedirs(out_dir, exist_ok=True)
    summary = summarise(result['records'])
    table = format_table(summary)
    plot_bars(summary, osp.join(out_dir, 'results.png'),
              title='test split, mean ± std over seeds')
    seeds = ', '.join(str(s) for s in study.seeds)
    lines = ['# Pretraining methods compared', '']
    if description:
        lines += [description, '']
    lines += [
        f'Fine-tuning config: `{study.finetune_config}`; seeds: {seeds}. '
        'OA, Kappa and mIoU in percent on the test split'
        + (' (mean ± sample std over seeds).' if len(study.seeds) > 1
           else '.'), '', table, '',
        'Pretraining configs:', ''
    ]
    lines += [f'- {m}: `{c}`' for m, c in study.pretrain_configs.items()]
    total = sum(result['seconds'].values())
    lines += ['', f'Total time: {total / 60:.1f} min.', '',
              '![results](results.png)']
    with open(osp.join(out_dir, 'results.md'), 'w', encoding='utf-8') as f:
        f.write('\n'.join(lines) + '\n')
    with open(osp.join(out_dir, 'results.json'), 'w', encoding='utf-8') as f:
        json.dump(dict(result, summary={f'{k[0]}@{k[1]}': v
                                        for k, v in summary.items()}),
                  f, indent=2)
    return table
