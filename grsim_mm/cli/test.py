"""Evaluate a trained model on the test split of its config.

Mirrors mmseg's ``tools/test.py``: the checkpoint is loaded into the model
the config describes and ``Runner.test`` runs the config's ``test_evaluator``
(``RSISegMetric`` in grsim_mm's fine-tuning configs). ``tools/test.py`` and
``python -m grsim_mm.cli.test`` both run :func:`main`.
"""
import argparse
import os
import os.path as osp
from typing import List, Optional

from mmengine.config import Config, DictAction
from mmengine.runner import Runner

from grsim_mm.utils import (resolve_config, setup_cpu_distributed,
                            use_dataset_setting)


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
        '--out', help='directory where the predicted label maps are written')
    parser.add_argument(
        '--show-dir',
        help='directory where painted predictions are saved (relative to '
        'the run directory)')
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

    if args.show_dir is not None:
        hook = cfg.default_hooks.get('visualization')
        if hook is None:
            raise ValueError('--show-dir needs a visualization hook in '
                             'default_hooks')
        hook.update(draw=True, interval=1, show=False)
        cfg.visualizer.save_dir = args.show_dir
    if args.out is not None:
        cfg.test_evaluator['output_dir'] = args.out
        cfg.test_evaluator['keep_results'] = True
    if args.launcher != 'none':
        cfg = setup_cpu_distributed(cfg)

    runner = Runner.from_cfg(cfg)
    runner.test()


if __name__ == '__main__':
    main()
