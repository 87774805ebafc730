"""Train a model (self-supervised pretraining or segmentation) from a config.

The method is entirely described by the config; this module only applies
the command-line overrides and hands the config to an mmengine Runner, as
``mmseg``'s and ``mmpretrain``'s ``tools/train.py`` do.  The default scope
(``mmpretrain`` for pretraining, ``mmseg`` for fine-tuning) comes from the
config. ``tools/train.py`` and ``python -m grsim_mm.cli.train`` both run
:func:`main`; the study engine launches the latter, so it needs no path to
the repository.
"""
import argparse
import os
import os.path as osp
from typing import List, Optional

from mmengine.config import Config, DictAction
from mmengine.runner import Runner

from grsim_mm.utils import (apply_tensorboard_switch, resolve_config,
                            setup_cpu_distributed, use_dataset_setting)


def parse_args(argv: Optional[List[str]] = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description='Train a model')
    parser.add_argument('config', help='train config file path')
    parser.add_argument('--work-dir', help='the dir to save logs and models')
    parser.add_argument(
        '--dataset',
        metavar='SETTING',
        help='run the method of the config on another dataset setting '
        '(configs/_base_/datasets/<name>.py; <name>_pretrain.py for a '
        'pretraining config): its data, bands, statistics and loaders '
        'replace the config\'s, the method and its views stay')
    parser.add_argument(
        '--no-validate',
        action='store_true',
        help='train without the validation loop (no val_cfg, '
        'val_dataloader or val_evaluator; a save_best checkpoint rule then '
        'never fires)')
    parser.add_argument(
        '--auto-scale-lr',
        action='store_true',
        help='scale the learning rate by (GPUs x batch size) / '
        'auto_scale_lr.base_batch_size of the config')
    parser.add_argument(
        '--resume',
        nargs='?',
        type=str,
        const='auto',
        help='resume from the given checkpoint, or from the latest checkpoint '
        'in the work dir when no path is given')
    parser.add_argument(
        '--amp',
        action='store_true',
        help='enable automatic mixed precision (GPU only)')
    parser.add_argument(
        '--amp-dtype',
        choices=['float16', 'bfloat16'],
        default='float16',
        help='autocast dtype used with --amp; bfloat16 needs no loss scaling')
    parser.add_argument(
        '--cfg-options',
        nargs='+',
        action=DictAction,
        help='override settings of the config, e.g. '
        'train_dataloader.batch_size=4 model.backbone.depth=18')
    parser.add_argument(
        '--launcher',
        choices=['none', 'pytorch', 'slurm', 'mpi'],
        default='none',
        help='job launcher')
    # torch.distributed.launch passes --local-rank; torchrun sets LOCAL_RANK.
    parser.add_argument('--local_rank', '--local-rank', type=int, default=0)
    args = parser.parse_args(argv)
    if 'LOCAL_RANK' not in os.environ:
        os.environ['LOCAL_RANK'] = str(args.local_rank)
    return args


def merge_args(cfg: Config, args: argparse.Namespace) -> Config:
    """Apply command-line overrides to the config.

    ``--cfg-options`` come first, so that ``--no-validate`` and
    ``--auto-scale-lr`` act on the merged config (as in mmpretrain).
    """
    cfg.launcher = args.launcher
    if args.dataset is not None:
        cfg = use_dataset_setting(cfg, args.dataset)
    if args.cfg_options is not None:
        cfg.merge_from_dict(args.cfg_options)

    cfg = apply_tensorboard_switch(cfg)

    if args.no_validate:
        cfg.val_cfg = None
        cfg.val_dataloader = None
        cfg.val_evaluator = None

    if args.auto_scale_lr:
        scale = cfg.get('auto_scale_lr', None)
        if not scale or scale.get('base_batch_size', None) is None:
            raise ValueError(
                f'--auto-scale-lr: {args.config} has no '
                'auto_scale_lr.base_batch_size; add auto_scale_lr = '
                'dict(base_batch_size=<total batch the lr was tuned for>) '
                'to the config or pass --cfg-options '
                'auto_scale_lr.base_batch_size=N')
        scale.enable = True

    # work_dir priority: CLI > config > ./work_dirs/<config name>
    if args.work_dir is not None:
        cfg.work_dir = args.work_dir
    elif cfg.get('work_dir', None) is None:
        name = osp.splitext(osp.basename(args.config))[0]
        if args.dataset is not None:
            setting = osp.splitext(osp.basename(args.dataset))[0]
            name = f'{name}_on_{setting}'
        cfg.work_dir = osp.join('./work_dirs', name)

    if args.amp:
        optim_wrapper = cfg.optim_wrapper.get('type', 'OptimWrapper')
        if optim_wrapper not in ('OptimWrapper', 'AmpOptimWrapper'):
            raise ValueError(
                f'--amp requires OptimWrapper or AmpOptimWrapper, the config '
                f'uses {optim_wrapper}')
        cfg.optim_wrapper.type = 'AmpOptimWrapper'
        cfg.optim_wrapper.dtype = args.amp_dtype
        if args.amp_dtype == 'float16':
            cfg.optim_wrapper.setdefault('loss_scale', 'dynamic')

    if args.resume == 'auto':
        cfg.resume = True
        cfg.load_from = None
    elif args.resume is not None:
        cfg.resume = True
        cfg.load_from = args.resume
    return cfg


def main(argv: Optional[List[str]] = None) -> None:
    args = parse_args(argv)
    args.config = resolve_config(args.config)
    cfg = Config.fromfile(args.config)
    cfg = merge_args(cfg, args)
    if args.launcher != 'none':
        cfg = setup_cpu_distributed(cfg)

    if 'runner_type' not in cfg:
        runner = Runner.from_cfg(cfg)
    else:
        from mmengine.registry import RUNNERS
        runner = RUNNERS.build(cfg)
    runner.train()


if __name__ == '__main__':
    main()
