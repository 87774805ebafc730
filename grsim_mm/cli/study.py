"""Run a study: pretrain -> fine-tune -> test -> one table and a report.

A preset names a whole study; the options below change any part of it,
and ``--configs`` with ``--finetune-config`` make a study of your own. The
segmentation presets fine-tune a segmentor, the scene presets
(``scene``, ``rsisc-*``, ``seg-on-ucm``) probe a scene classifier.
Every stage is ``python -m grsim_mm.cli.train`` / ``.test`` in a
subprocess whose command and log file are printed. The report
(``results.md``, ``results.json``, figures) is written into the work dir.

Examples::

    python tools/study.py --preset main          # the main job (make demo)
    python tools/study.py --preset methods --quick
    python tools/study.py --preset methods --fractions 1 5 10 --seeds 0 1 2
    python tools/study.py --preset scene --quick  # scene line, scene demo
    python tools/study.py --preset scene --labels 5/class 20/class 10 \\
      --seeds 0 1 2
    python tools/study.py --data-root data/potsdam --work-dir work_dirs/pd \\
      --configs configs/ssccl/ssccl_r50-os16_8xb32-400e_potsdam-rgbir.py \\
      --finetune-config \\
      configs/finetune/deeplabv3plus_r50-os16_glcnet_1xb16-150e_potsdam-rgbir-1pct.py
"""
import argparse
import ast
import dataclasses
import os
import os.path as osp
import textwrap
from typing import Any, Dict, List, Optional

from grsim_mm.study import (PRESETS, TASKS, StageError, Study, method_name,
                            parse_labels, write_report)
from grsim_mm.study.presets import QUICK_FINETUNE, QUICK_PRETRAIN


def parse_options(items: Optional[List[str]]) -> Dict[str, Any]:
    """``key=value`` strings -> dict, values parsed as Python literals when
    possible (as mmengine's DictAction would)."""
    options = {}
    for item in items or []:
        key, sep, value = item.partition('=')
        if not sep:
            raise SystemExit(f'{item!r} is not KEY=VALUE')
        try:
            options[key] = ast.literal_eval(value)
        except (ValueError, SyntaxError):
            options[key] = value
    return options


def parse_args(argv: Optional[List[str]] = None) -> argparse.Namespace:
    presets = '\n'.join(
        textwrap.fill(f'{name:13s} {p.help}; work dir {p.work_dir}', 79,
                      initial_indent='  ', subsequent_indent=' ' * 16)
        for name, p in PRESETS.items())
    paths = textwrap.fill(
        'Relative paths (configs, --data-root, --work-dir, checkpoints, and '
        'the paths inside the configs) resolve against the current '
        'directory, or against --work-root when given: run from the '
        'repository root to use the configs/ of the checkout.', 79,
        break_on_hyphens=False)
    parser = argparse.ArgumentParser(
        description=__doc__.split('\n\n')[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=f'presets:\n{presets}\n\n{paths}')
    parser.add_argument(
        '--preset', default='methods', choices=list(PRESETS),
        help='the study to start from (default: methods)')
    parser.add_argument(
        '--configs', nargs='+', metavar='CONFIG',
        help='pretraining configs, one row each (method name: the config '
        'name up to the first "_"); replace the preset\'s')
    parser.add_argument(
        '--finetune-config',
        help='the fine-tuning config of every row (replaces the preset\'s)')
    parser.add_argument(
        '--labels', '--fractions', dest='fractions', nargs='+',
        type=_labels, metavar='LABELS',
        help='amounts of labels: percent (1, 5, 10, 100) or, on the scene '
        'line, images per class (5/class, 20/class, 50/class, 100/class)')
    parser.add_argument(
        '--datasets', nargs='+', metavar='[NAME=]SETTING',
        help='run every row on each of these labelled dataset settings '
        '(tools/train.py --dataset), one table block each; NAME defaults to '
        'the setting\'s file name')
    parser.add_argument(
        '--task', choices=list(TASKS),
        help='the task line of --finetune-config (default: the preset\'s)')
    parser.add_argument('--seeds', nargs='+', type=int,
                        help='seeds of every run (default: 0)')
    parser.add_argument(
        '--pretrain-once', action='store_true',
        help='pretrain with the first seed only; every seed fine-tunes '
        'from that checkpoint')
    parser.add_argument('--no-random-init', action='store_true',
                        help='leave out the random-init row')
    parser.add_argument(
        '--data-root',
        help='dataset root of every stage (default: the preset\'s; the '
        'demo presets generate the demo data at data/demo when missing, a '
        'root given here is used as it is)')
    parser.add_argument('--work-dir',
                        help='where the stages and the report go (default: '
                        'the preset\'s)')
    parser.add_argument(
        '--work-root',
        help='run as if started in this directory (see below)')
    parser.add_argument(
        '--pretrain-checkpoint', nargs='+', metavar='[METHOD=]PATH',
        help='skip the pretraining of METHOD and use PATH (METHOD may be '
        'left out when the study pretrains one method)')
    parser.add_argument(
        '--quick', action='store_true',
        help='tiny schedules for a CPU: one pretraining epoch over 64 '
        'images, 6 fine-tuning epochs; exercises every stage, ranks nothing')
    parser.add_argument('--pretrain-options', nargs='+', metavar='KEY=VALUE',
                        help='cfg-options of every pretraining run')
    parser.add_argument('--finetune-options', nargs='+', metavar='KEY=VALUE',
                        help='cfg-options of every fine-tuning and test run')
    parser.add_argument(
        '--jobs', type=int,
        help='fine-tune and test this many runs at once, splitting the CPU '
        'threads (default: the preset\'s; 2 for main)')
    parser.add_argument('--resume', action='store_true',
                        help='skip stages whose outputs are in the work dir')
    parser.add_argument('--dry-run', action='store_true',
                        help='check the inputs, print the plan and stop')
    return parser.parse_args(argv)


def _labels(text: str):
    try:
        return parse_labels(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from error


def _datasets(items: List[str]) -> Dict[str, str]:
    found = {}
    for item in items:
        name, sep, path = item.rpartition('=')
        name = name if sep else osp.splitext(osp.basename(path))[0]
        found[name] = path
    return found


def _pretrained(items: Optional[List[str]], study: Study) -> Dict[str, str]:
    found = {}
    for item in items or []:
        method, sep, path = item.rpartition('=')
        if not sep:
            if len(study.pretrain_configs) != 1:
                raise SystemExit(
                    f'--pretrain-checkpoint {item}: the study pretrains '
                    f'{list(study.pretrain_configs)}; write METHOD=PATH')
            method = next(iter(study.pretrain_configs))
        found[method] = path
    return found


def build_study(args: argparse.Namespace) -> Study:
    """The preset with the command line's changes."""
    study = PRESETS[args.preset].build()
    changes: Dict[str, Any] = {}
    if args.configs:
        configs = {}
        for config in args.configs:
            name = method_name(config)
            if name in configs:
                raise SystemExit(f'two configs of method {name!r}; give one')
            configs[name] = config
        changes['pretrain_configs'] = configs
        changes.update(compare=None, pretrained={})
    if args.finetune_config:
        changes.update(finetune_config=args.finetune_config,
                       finetune_configs={})
    for key in ('fractions', 'seeds', 'jobs'):
        if getattr(args, key) is not None:
            changes[key] = getattr(args, key)
    if args.datasets:
        changes['datasets'] = _datasets(args.datasets)
    if args.task and TASKS[args.task] is not study.task:
        # the preset's data belongs to its own task line
        changes.update(task=TASKS[args.task], data_root=None,
                       make_demo_data=False, demo_data=())
    if args.pretrain_once:
        changes['pretrain_once'] = True
    if args.no_random_init:
        changes.update(with_random_init=False, compare=None)
    if args.data_root is not None:
        changes.update(data_root=args.data_root, make_demo_data=False)
    # later wins: the preset's, then --quick, then the command line's
    changes['pretrain_options'] = {
        **study.pretrain_options, **(QUICK_PRETRAIN if args.quick else {}),
        **parse_options(args.pretrain_options)}
    changes['finetune_options'] = {
        **study.finetune_options, **(QUICK_FINETUNE if args.quick else {}),
        **parse_options(args.finetune_options)}
    if args.quick:
        changes['description'] = study.description + \
            ' Tiny schedules (--quick).'
    fields = dict({f.name: getattr(study, f.name)
                   for f in dataclasses.fields(study)}, **changes)
    study = Study(**fields)
    if args.pretrain_checkpoint:
        study = Study(**dict(fields, pretrained=_pretrained(
            args.pretrain_checkpoint, study)))
    return study


def plan_text(study: Study, work_dir: str) -> str:
    rows = '\n'.join(
        f'    {m}: ' + (f'pretrain {study.pretrain_configs[m]}, '
                      if m in study.pretrain_configs else '') +
        f'fine-tune {study.finetune_config_of(m)}' for m in study.methods)
    datasets = f'datasets {list(study.datasets)} x ' if study.datasets \
        else ''
    return (f'==> {study.name}: {len(study.methods)} rows x {datasets}'
            f'labels {list(study.fractions)} x seeds {list(study.seeds)} = '
            f'{study.num_stages()} stages, {study.jobs} at a time, into '
            f'{work_dir}\n{rows}')


def run(args: argparse.Namespace) -> None:
    if args.work_root:
        os.chdir(args.work_root)
    try:
        study = build_study(args)
    except ValueError as error:  # a study that cannot be run as given
        raise SystemExit(f'study.py: {error}') from error
    work_dir = osp.abspath(args.work_dir or PRESETS[args.preset].work_dir)
    study.check_inputs()
    study.skip_unavailable_rows()
    print(plan_text(study, work_dir), flush=True)
    if args.dry_run:
        return
    result = study.run(work_dir, resume=args.resume)
    table, conclusion = write_report(study, result, work_dir)
    print(f'\n{study.description}\n\n{table}\n')
    if conclusion:
        print(conclusion + '\n')
    print(f'Report: {osp.join(work_dir, "results.md")} (total '
          f'{result["total_seconds"] / 60:.1f} min)')


def main(argv: Optional[List[str]] = None) -> None:
    args = parse_args(argv)
    try:
        run(args)
    except (StageError, FileNotFoundError) as error:
        # The message names the stage's log (or the missing input); the
        # stage's own traceback is in that log.
        raise SystemExit(f'\nstudy stopped: {error}') from error


if __name__ == '__main__':
    main()
