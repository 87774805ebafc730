"""The one report writer: ``results.md``, ``results.json`` and the figures
of a study, all in its work dir."""
import json
import os
import os.path as osp
from dataclasses import asdict
from typing import Any, Dict, List, Mapping, Sequence, Tuple

from .engine import RANDOM_INIT, Study
from .outputs import has_scalars
from .plots import LINESTYLES, method_colours, plot_bars, plot_curves
from .predictions import plot_predictions
from .table import format_table, summarise, verdict
from .tasks import Labels, labels_text


def first_seed_runs(records: Sequence[Mapping[str, Any]]
                    ) -> Dict[Tuple[str, Labels], Mapping[str, Any]]:
    """(method, fraction) -> the record of the first seed that ran it."""
    first: Dict[Tuple[str, Labels], Mapping[str, Any]] = {}
    for rec in records:
        first.setdefault((rec['method'], rec['fraction']), rec)
    return first


def other_metrics(records: Sequence[Mapping[str, Any]],
                  headline: Sequence[str]) -> List[str]:
    """Float test metrics beyond the headline ones (times left out)."""
    return sorted({k for r in records for k, v in r['metrics'].items()
                   if k not in headline and isinstance(v, float)
                   and not k.endswith('time')})


def _figures(study: Study, result: Mapping[str, Any], summary: Mapping,
             out_dir: str) -> List[str]:
    """Draw the study's figures into ``out_dir``; return their names."""
    metrics = study.task.metrics
    plot_bars(summary, osp.join(out_dir, 'results.png'), metrics,
              'test split' + (', mean ± std over seeds'
                              if len(study.seeds) > 1 else ''))
    figures = ['results.png']
    colours = method_colours(study.methods)

    pretrain = {key: d for key, d in result['pretrain_dirs'].items()
                if has_scalars(d)}
    if pretrain:
        single = len(study.pretrain_seeds) == 1
        runs = {(k.split('@')[0] if single else k): d
                for k, d in pretrain.items()}
        plot_curves(runs, osp.join(out_dir, 'pretrain_loss.png'), ('loss', ),
                    'pretraining loss (epoch mean)',
                    {k: colours.get(k.split('@')[0]) for k in runs})
        figures.append('pretrain_loss.png')

    first = first_seed_runs(result['records'])
    single = len(study.fractions) == 1
    runs, line_colours, styles = {}, {}, {}
    for (method, fraction), rec in first.items():
        label = method if single else f'{method} {labels_text(fraction)}'
        runs[label] = rec['work_dirs']['finetune']
        line_colours[label] = colours[method]
        styles[label] = LINESTYLES[list(study.fractions).index(fraction) %
                                   len(LINESTYLES)]
    seed = f' (seed {study.seeds[0]})' if len(study.seeds) > 1 else ''
    plot_curves(runs, osp.join(out_dir, 'finetune_loss.png'), ('loss', ),
                'fine-tuning loss (epoch mean)' + seed, line_colours, styles)
    plot_curves(runs, osp.join(out_dir, 'val_metrics.png'),
                study.task.curve_keys,
                'model-selection split, per epoch' + seed, line_colours,
                styles)
    figures += ['finetune_loss.png', 'val_metrics.png']

    if study.predictions:
        print('\n==> drawing predictions on test tiles', flush=True)
        fraction = study.fractions[0]
        checkpoints = {m: first[(m, fraction)]['checkpoint']
                       for m in study.methods}
        plot_predictions(
            study.finetune_config_of(study.methods[0]), checkpoints,
            osp.join(out_dir, 'predictions.png'),
            cfg_options=study.finetune_stage_options(fraction,
                                                     study.seeds[0]))
        figures.append('predictions.png')
    return figures


def _config_lines(study: Study) -> List[str]:
    lines = []
    for method in study.methods:
        parts = []
        if method in study.pretrain_configs:
            parts.append(f'pretraining `{study.pretrain_configs[method]}`')
        parts.append(f'fine-tuning `{study.finetune_config_of(method)}`')
        if method == RANDOM_INIT:
            parts.append('from random weights')
        lines.append(f'- {method}: ' + ', '.join(parts))
    return lines


def write_report(study: Study, result: Mapping[str, Any],
                 out_dir: str) -> Tuple[str, str]:
    """Write ``results.md``, ``results.json`` and the figures; return the
    Markdown table and the verdict (empty without ``study.compare``)."""
    os.makedirs(out_dir, exist_ok=True)
    metrics = study.task.metrics
    records = result['records']
    summary = summarise(records, metrics)
    table = format_table(summary, metrics)
    conclusion = verdict(summary, *study.compare, study.verdict_metric) \
        if study.compare else ''
    figures = _figures(study, result, summary, out_dir)

    several = len(study.seeds) > 1
    seeds = ', '.join(str(s) for s in study.seeds)
    lines = [f'# {study.name}: results', '']
    if study.description:
        lines += [study.description, '']
    lines += [
        'Test metrics in percent (Kappa x100)' +
        (f', mean ± sample std over seeds {seeds}:' if several
         else f', seed {seeds}:'), '', table, ''
    ]
    if conclusion:
        lines += [conclusion, '']
    others = other_metrics(records, metrics)
    if others:
        lines += ['All test metrics:', '',
                  format_table(summarise(records, others), others), '']
    lines += ['Configs:', '', *_config_lines(study), '']
    lines += ['Pretraining checkpoints:', '']
    lines += [f'- {k}: `{v}`'
              for k, v in result['pretrain_checkpoints'].items()] or ['- none']
    lines += ['', 'Stage times (s): ' + ', '.join(
        f'{k} {v:.0f}' for k, v in result['seconds'].items()), '',
        f'Total time: {result["total_seconds"] / 60:.1f} min.', '']
    lines += [f'![{osp.splitext(name)[0]}]({name})' for name in figures]
    with open(osp.join(out_dir, 'results.md'), 'w', encoding='utf-8') as f:
        f.write('\n'.join(lines) + '\n')
    with open(osp.join(out_dir, 'results.json'), 'w', encoding='utf-8') as f:
        json.dump(dict(result, verdict=conclusion,
                       study=asdict(study),
                       summary={f'{k[0]}@{k[1]}': v
                                for k, v in summary.items()}),
                  f, indent=2, default=str)
    return table, conclusion
