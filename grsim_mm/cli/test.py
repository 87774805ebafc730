"""Evaluate a trained model on the test split of its config.

Mirrors mmseg's ``tools/test.py``: the checkpoint is loaded into the model the
config describes and ``Runner.test`` runs the config's ``test_evaluator``
(``RSISegMetric`` in grsim_mm's fine-tuning configs, which also saves the
confusion matrix as CSV and, in a test, as a figure in the run directory).
``--out`` writes the predicted class maps (GeoTIFFs with palette and class
names for georeferenced tiles), ``--show-dir`` paints predictions over the
tiles, for any band count. ``tools/test.py`` and ``python -m
grsim_mm.cli.test`` both run :func:`main`.
"""
import argparse
import os
import os.path as osp
from typing import List, Optional

from mmengine.config import Config, DictAction
from mmengine.runner import Runner

from grsim_mm.utils import (apply_tensorboard_switch, resolve_config,
                            setup_cpu_distributed, use_dataset_setting)

#: Visualisation hooks that --show-dir turns on; mmseg's own one reads
#: tiles with OpenCV (8-bit, 3 bands), so it is replaced by the raster one.
SHOW_HOOKS = ('SegVisualizationHook', 'RSISegVisualizationHook')
#: Metrics that write predictions for --out.
OUT_METRICS = ('RSISegMetric', 'RSSegMetric', 'IoUMetric')
#: Metrics that save their confusion matrix; a test run also draws it.
CONFUSION_METRICS = ('RSISegMetric', 'RSSegMetric', 'RSISceneMetric')


def parse_args(argv: Optional[List[str]] = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description='Test (and evaluate) a model')
    parser.add_argument('config', help='test config file path')
    parser.add_argument('checkpoint', help='checkpoint file')
    parser.add_argument(
        '--work-dir',
        help='the directory to save the file containing evaluation metrics')
    parser.add_argument(
        '--dataset',
        metavar='SETTING',
        help='test on another dataset setting (as tools/train.py '
        '--dataset): its data, bands, statistics and loaders replace the '
        'config\'s')
    parser.add_argument(
        '--out',
        help='directory where the predicted class maps are written, one per '
        'tile: GeoTIFF with the tile\'s georeference, palette and class '
        'names when the tile is georeferenced, else a PNG of class indices '
        '(relative to the current directory)')
    parser.add_argument(
        '--show-dir',
        help='directory where the label and the prediction painted over '
        'each tile are saved, relative to the run directory '
        '(work_dir/<timestamp>/) unless absolute')
    parser.add_argument(
        '--cfg-options',
        nargs='+',
        action=DictAction,
        help='override settings of the config')
    parser.add_argument(
        '--launcher',
        choices=['none', 'pytorch', 'slurm', 'mpi'],
        default='none',
        help='job launcher')
    parser.add_argument('--local_rank', '--local-rank', type=int, default=0)
    args = parser.parse_args(argv)
    if 'LOCAL_RANK' not in os.environ:
        os.environ['LOCAL_RANK'] = str(args.local_rank)
    return args


def enable_show_dir(cfg: Config, show_dir: str) -> None:
    """Paint every test tile into ``show_dir`` (see ``--show-dir``)."""
    hook = (cfg.get('default_hooks') or {}).get('visualization')
    if hook is None or hook.get('type') not in SHOW_HOOKS:
        raise ValueError(
            '--show-dir needs default_hooks.visualization = '
            "dict(type='RSISegVisualizationHook') in the config (the "
            'fine-tuning schedules have it)')
    hook.update(type='RSISegVisualizationHook', draw=True, interval=1,
                show=False, test_out_dir=show_dir)


def enable_confusion_figure(cfg: Config) -> None:
    """Have the toolbox's metrics draw the confusion matrix of the test
    (validations during training only save the CSV)."""
    evaluator = cfg.get('test_evaluator')
    metrics = evaluator if isinstance(evaluator, list) else [evaluator]
    for metric in metrics:
        if metric and metric.get('type') in CONFUSION_METRICS:
            metric.setdefault('confusion_figure', True)


def main(argv: Optional[List[str]] = None) -> None:
    args = parse_args(argv)
    if not osp.isfile(args.checkpoint):
        raise FileNotFoundError(f'checkpoint {args.checkpoint} not found')
    args.config = resolve_config(args.config)
    cfg = Config.fromfile(args.config)
    cfg.launcher = args.launcher
    if args.dataset is not None:
        cfg = use_dataset_setting(cfg, args.dataset)
    if args.cfg_options is not None:
        cfg.merge_from_dict(args.cfg_options)
    if args.work_dir is not None:
        cfg.work_dir = args.work_dir
    elif cfg.get('work_dir', None) is None:
        cfg.work_dir = osp.join('./work_dirs',
                                osp.splitext(osp.basename(args.config))[0])
    cfg.load_from = args.checkpoint
    cfg.resume = False

    cfg = apply_tensorboard_switch(cfg)
    enable_confusion_figure(cfg)
    if args.show_dir is not None:
        enable_show_dir(cfg, args.show_dir)
    if args.out is not None:
        evaluator = cfg.get('test_evaluator') or {}
        if evaluator.get('type') not in OUT_METRICS:
            raise ValueError(
                f'--out needs a test_evaluator of type {OUT_METRICS}; '
                f"{args.config} has {evaluator.get('type')}")
        cfg.test_evaluator['output_dir'] = args.out
    if args.launcher != 'none':
        cfg = setup_cpu_distributed(cfg)

    runner = Runner.from_cfg(cfg)
    runner.test()


if __name__ == '__main__':
    main()
