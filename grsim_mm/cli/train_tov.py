"""TOV's learning path in one command: self-supervised learning on natural
images (stage 1), then on remote-sensing images (stage 2).

Stage 1 starts from natural-image weights (the config's
``model.init_cfg``, by default torchvision's ImageNet-supervised ResNet-50;
``--natural-weights`` names another local file or URL). Stage 2 keeps only
stage 1's backbone: its ``model.init_cfg`` is pointed at stage 1's last
checkpoint, so the queue, the projector and the momentum encoder's head
start afresh, and its schedule (optimiser state, warm-up) restarts. With
``--stage1-checkpoint`` stage 1 is not run and stage 2 starts from that
checkpoint (a stage-1 run of the toolbox, an ImageNet-supervised ResNet, a
URL). An RGB stem meets data with more bands through ``--rgb-bands``
(stem inflation, logged). The self-supervised method of each stage is the
config key ``tov_method``; ``--stage1-method``/``--stage2-method`` swap it.

    python tools/train_tov.py --work-dir work_dirs/tov
    python tools/train_tov.py --stage1 configs/tov/tov-stage1_r18_...py \\
        --stage2 configs/tov/tov-stage2_r18_...py --work-dir work_dirs/tov
"""
import argparse
import copy
import os
import os.path as osp
from typing import Dict, List, Optional

from mmengine.config import Config, DictAction
from mmengine.dist import barrier
from mmengine.logging import print_log
from mmengine.runner import CheckpointLoader, Runner

from grsim_mm.utils import (apply_tensorboard_switch, load_config,
                            setup_cpu_distributed)

REPO = osp.dirname(osp.dirname(osp.dirname(osp.abspath(__file__))))
STAGE1 = 'configs/tov/tov-stage1_r50_mocov2_1xb256-200e_natural-images.py'
STAGE2 = 'configs/tov/tov-stage2_r50_mocov2_1xb256-800e_nwpu-resisc45.py'
# the self-supervised methods a stage can use: model bases of two views
METHODS = {'mocov2': 'mocov2_r50.py', 'simclr': 'rsisc-simclr_r50.py'}


def parse_args(argv: Optional[List[str]] = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="TOV's two-stage self-supervised learning path")
    parser.add_argument('--stage1', default=STAGE1,
                        help='stage-1 config (natural images)')
    parser.add_argument('--stage2', default=STAGE2,
                        help='stage-2 config (remote-sensing images)')
    parser.add_argument('--work-dir', default='work_dirs/tov',
                        help='stages run in <work-dir>/stage1 and /stage2')
    parser.add_argument(
        '--natural-weights', metavar='PATH_OR_URL',
        help='weights stage 1 starts from (default: the config\'s, '
        'torchvision://resnet50); "none" for random weights')
    parser.add_argument(
        '--stage1-checkpoint', metavar='PATH_OR_URL',
        help='skip stage 1: stage 2 starts from the backbone of this '
        'checkpoint (a toolbox run, torchvision weights, a URL)')
    parser.add_argument('--stage1-method', choices=sorted(METHODS),
                        help='self-supervised method of stage 1')
    parser.add_argument('--stage2-method', choices=sorted(METHODS),
                        help='self-supervised method of stage 2')
    parser.add_argument(
        '--rgb-bands', type=int, nargs=3, metavar=('R', 'G', 'B'),
        help='0-based red, green, blue bands of the stage-2 data: inflates '
        'an RGB stem to its band count')
    parser.add_argument('--stage1-options', nargs='+', action=DictAction,
                        help='overrides of the stage-1 config')
    parser.add_argument('--stage2-options', nargs='+', action=DictAction,
                        help='overrides of the stage-2 config')
    parser.add_argument('--launcher',
                        choices=['none', 'pytorch', 'slurm', 'mpi'],
                        default='none', help='job launcher of both stages')
    parser.add_argument('--local_rank', '--local-rank', type=int, default=0)
    args = parser.parse_args(argv)
    if 'LOCAL_RANK' not in os.environ:
        os.environ['LOCAL_RANK'] = str(args.local_rank)
    return args


def load_stage(path: str, work_dir: str, method: Optional[str],
               options: Optional[Dict], launcher: str = 'none') -> Config:
    """A stage's config with its overrides, method and work dir."""
    if not osp.isfile(path) and osp.isfile(osp.join(REPO, path)):
        path = osp.join(REPO, path)
    cfg = load_config(path, options)
    if method is not None and method != cfg.get('tov_method'):
        cfg = use_method(cfg, method)
    cfg.work_dir = work_dir
    cfg.launcher = launcher
    cfg.load_from = None
    cfg.resume = False
    if launcher != 'none':
        cfg = setup_cpu_distributed(cfg)
    return apply_tensorboard_switch(cfg)


def use_method(cfg: Config, method: str) -> Config:
    """``cfg`` with the model of another self-supervised method; backbone,
    initialisation, data and views stay (every method here takes two
    views)."""
    base = Config.fromfile(
        osp.join(REPO, 'configs', '_base_', 'models', METHODS[method]))
    model = copy.deepcopy(base.model)
    model['backbone'] = cfg.model['backbone']
    if cfg.model.get('init_cfg') is not None:
        model['init_cfg'] = cfg.model['init_cfg']
    cfg.model = model
    cfg.tov_method = method
    return cfg


def backbone_prefix(checkpoint: str) -> str:
    """``'backbone.'`` for toolbox and OpenMMLab checkpoints, ``''`` for
    torchvision's plain ResNet keys."""
    ckpt = CheckpointLoader.load_checkpoint(checkpoint, map_location='cpu')
    state = ckpt.get('state_dict', ckpt)
    keys = [k[len('module.'):] if k.startswith('module.') else k
            for k in state]
    if any(k.startswith('backbone.') for k in keys):
        return 'backbone.'
    if 'conv1.weight' in keys:
        return ''
    raise KeyError(f'{checkpoint}: no backbone found (neither backbone.* '
                   'nor torchvision ResNet keys such as conv1.weight)')


def start_from(cfg: Config, checkpoint: Optional[str],
               rgb_bands: Optional[List[int]]) -> None:
    """Point the model's backbone initialisation at ``checkpoint`` (only
    the backbone is loaded; projector, queue and momentum encoder keep
    their fresh initialisation)."""
    if checkpoint is None or checkpoint.lower() == 'none':
        cfg.model['init_cfg'] = None
        return
    prefix = backbone_prefix(checkpoint)
    init = dict(cfg.model.get('init_cfg') or {})
    init.update(type='PretrainedBackbone', checkpoint=checkpoint,
                prefix=prefix)
    init['ignore_keys'] = [r'^fc\.'] if prefix == '' else []
    if rgb_bands is not None:
        init['rgb_bands'] = list(rgb_bands)
    cfg.model['init_cfg'] = init


def last_checkpoint(work_dir: str) -> str:
    """The checkpoint a finished run saved last (mmengine's record)."""
    record = osp.join(work_dir, 'last_checkpoint')
    if not osp.isfile(record):
        raise FileNotFoundError(f'{work_dir}: stage 1 saved no checkpoint '
                                '(no last_checkpoint file)')
    with open(record) as f:
        return f.read().strip()


def main(argv: Optional[List[str]] = None) -> str:
    """Run the path; returns stage 2's last checkpoint."""
    args = parse_args(argv)
    stage2 = load_stage(args.stage2, osp.join(args.work_dir, 'stage2'),
                        args.stage2_method, args.stage2_options,
                        args.launcher)
    if args.stage1_checkpoint is None:
        stage1 = load_stage(args.stage1, osp.join(args.work_dir, 'stage1'),
                            args.stage1_method, args.stage1_options,
                            args.launcher)
        if args.natural_weights is not None:
            start_from(stage1, args.natural_weights, None)
        print_log(f'TOV stage 1 ({stage1.tov_method}) in {stage1.work_dir}',
                  logger='current')
        Runner.from_cfg(stage1).train()
        barrier()  # every rank reads the checkpoint the main rank saved
        checkpoint = last_checkpoint(stage1.work_dir)
    else:
        checkpoint = args.stage1_checkpoint
    start_from(stage2, checkpoint, args.rgb_bands)
    print_log(f'TOV stage 2 ({stage2.tov_method}) from the backbone of '
              f'{checkpoint} in {stage2.work_dir}', logger='current')
    Runner.from_cfg(stage2).train()
    return last_checkpoint(stage2.work_dir)


if __name__ == '__main__':
    main()
