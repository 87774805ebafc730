"""The one report writer: ``results.md``, ``results.json`` and the figures
of a study, all in its work dir."""
import json
import os
import os.path as osp
from dataclasses import asdict
from typing import Any, Dict, List, Mapping, Optional, Sequence, Tuple

from .engine import RANDOM_INIT, Study
from .outputs import has_scalars
from .plots import LINESTYLES, method_colours, plot_bars, plot_curves
from .predictions import plot_confusion_matrices, plot_predictions
from .table import format_table, summarise, verdict
from .tasks import labels_text

RunKey = Tuple[str, Optional[str], Any]


def first_seed_runs(records: Sequence[Mapping[str, Any]]
                    ) -> Dict[RunKey, Mapping[str, Any]]:
    """(method, dataset, fraction) -> the record of the first seed that ran
    it (dataset None in a study of one dataset)."""
    first: Dict[RunKey, Mapping[str, Any]] = {}
    for rec in records:
        first.setdefault(
            (rec['method'], rec.get('dataset'), rec['fraction']), rec)
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
    for (method, dataset, fraction), rec in first.items():
        label = ' '.join([method] + ([dataset] if dataset else []) +
                         ([] if single else [labels_text(fraction)]))
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
        figures.append(_predictions(study, first, out_dir))
    return figures


def _predictions(study: Study, first: Mapping[RunKey, Mapping[str, Any]],
                 out_dir: str) -> str:
    """The task's figure of the rows' predictions (first seed, first
    dataset and amount of labels); return its file name."""
    dataset, fraction = study.dataset_names[0], study.fractions[0]
    runs = {m: first[(m, dataset, fraction)] for m in study.methods}
    at = labels_text(fraction) + (f' on {dataset}' if dataset else '')
    if study.task.predictions == 'confusion':
        print('\n==> drawing the confusion matrices', flush=True)
        plot_confusion_matrices(
            {m: r['work_dirs']['test'] for m, r in runs.items()},
            osp.join(out_dir, 'confusion_matrices.png'),
            f'test split, {at} labels, seed {study.seeds[0]}')
        return 'confusion_matrices.png'
    print('\n==> drawing predictions on test tiles', flush=True)
    plot_predictions(
        study.finetune_config_of(study.methods[0]),
        {m: r['checkpoint'] for m, r in runs.items()},
        osp.join(out_dir, 'predictions.png'),
        cfg_options=study.finetune_stage_options(fraction, study.seeds[0]))
    return 'predictions.png'


def _config_lines(study: Study) -> List[str]:
    lines = [f'- dataset {name}: `{setting}`'
             for name, setting in study.datasets.items()]
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
    metrics, keys = study.task.metrics, study.row_keys
    records = result['records']
    summary = summarise(records, metrics, keys)
    table = format_table(summary, metrics, keys)
    conclusion = verdict(summary, *study.compare, study.verdict_metric,
                         keys) if study.compare else ''
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
    for row, reason in result.get('skipped_rows', {}).items():
        lines += [f'Row {row} left out: {reason}', '']
    others = other_metrics(records, metrics)
    if others:
        lines += ['All test metrics:', '',
                  format_table(summarise(records, others, keys), others,
                               keys), '']
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
                       summary={'@'.join(str(p) for p in k if p is not None):
                                v for k, v in summary.items()}),
                  f, indent=2, default=str)
    return table, conclusion
