"""Compare pretraining methods: pretrain, fine-tune at label fractions, test.

Every pretraining config is run (once per seed), its checkpoint initialises
the same fine-tuning config (``model.init_cfg``), which is trained on each
label fraction ('trainR1', 'trainR5', 'trainR10', 'train') and tested; a
random-init row is added. The result is one table, method x fraction x
OA / Kappa / mIoU (mean ± std over seeds), written as ``results.md`` with
``results.png`` (bar chart) and ``results.json`` into the work dir.

By default it runs every method on the generated demo data; ``--quick``
shrinks the schedules (4 pretraining steps, 6 fine-tuning epochs) so a CPU
runs the whole grid in minutes. Examples::

    python tools/study.py --quick
    python tools/study.py --fractions 1 5 10 --seeds 0 1 2
    python tools/study.py --data-root data/potsdam --configs \\
      configs/ssccl/ssccl_r50-os16_8xb32-400e_potsdam-rgbir.py \\
      configs/baselines/simclr_r50-os16_8xb32-400e_potsdam-rgbir.py \\
      --finetune-config \\
      configs/finetune/deeplabv3plus_r50-os16_glcnet-1pct_potsdam-rgbir.py
"""
import argparse
import os
import os.path as osp
import sys

sys.path.insert(0, osp.dirname(osp.dirname(osp.abspath(__file__))))

from grsim_mm.apis.method_study import (MethodStudy,  # noqa: E402
                                        method_name, write_study_report)

DEMO_CONFIGS = [
    'configs/glcnet/glcnet_r18-os16_1xb16-2e_demo.py',
    'configs/ssccl/ssccl_r18-os16_1xb16-2e_demo.py',
    'configs/baselines/simclr_r18-os16_1xb16-2e_demo.py',
    'configs/baselines/mocov2_r18-os16_1xb16-2e_demo.py',
    'configs/baselines/densecl_r18-os16_1xb16-2e_demo.py',
    'configs/baselines/inpainting_r18-os16_1xb16-2e_demo.py',
    'configs/baselines/jigsaw_r18-os16_1xb16-2e_demo.py',
]
DEMO_FINETUNE = 'configs/finetune/deeplabv3plus_r18-os16_glcnet-1pct_demo.py'
# --quick: 4 pretraining steps of 16 tiles, 6 fine-tuning epochs (12 steps)
# with validation every 3; enough to exercise every stage, not to rank
# methods.
QUICK_PRETRAIN = {
    'train_cfg.max_epochs': 1,
    'train_dataloader.dataset.indices': 64,
    'train_dataloader.num_workers': 0,
    'train_dataloader.persistent_workers': False,
}
QUICK_FINETUNE = {'train_cfg.max_epochs': 6, 'train_cfg.val_interval': 3}


def parse_options(items):
    """``key=value`` strings -> dict, values parsed as Python literals when
    possible (as mmengine's DictAction would)."""
    import ast
    options = {}
    for item in items or []:
        key, _, value = item.partition('=')
        try:
            options[key] = ast.literal_eval(value)
        except (ValueError, SyntaxError):
            options[key] = value
    return options


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description='Pretraining methods x label fractions x seeds: '
        'pretrain, fine-tune, test and tabulate')
    parser.add_argument(
        '--configs', nargs='+', default=DEMO_CONFIGS,
        help='pretraining configs (default: every method on the demo data)')
    parser.add_argument(
        '--finetune-config', default=DEMO_FINETUNE,
        help='the fine-tuning config all methods share')
    parser.add_argument(
        '--fractions', nargs='+', type=int, default=[1],
        help='label fractions in percent (1, 5, 10, 100)')
    parser.add_argument('--seeds', nargs='+', type=int, default=[0])
    parser.add_argument(
        '--no-random-init', action='store_true',
        help='leave out the random-init row')
    parser.add_argument(
        '--data-root',
        help='dataset root (default: the configs\'; the demo data is '
        'generated when missing)')
    parser.add_argument('--work-dir', default='work_dirs/study')
    parser.add_argument(
        '--quick', action='store_true',
        help='tiny schedules for a CPU: 4 pretraining steps, 6 '
        'fine-tuning epochs')
    parser.add_argument(
        '--pretrain-options', nargs='+', metavar='KEY=VALUE',
        help='cfg-options of every pretraining run')
    parser.add_argument(
        '--finetune-options', nargs='+', metavar='KEY=VALUE',
        help='cfg-options of every fine-tuning and test run')
    parser.add_argument(
        '--resume', action='store_true',
        help='skip stages whose outputs exist in the work dir')
    return parser.parse_args()


def main() -> None:
    args = parse_args()
    work_dir = osp.abspath(args.work_dir)
    os.makedirs(work_dir, exist_ok=True)
    if args.data_root is None and args.finetune_config == DEMO_FINETUNE:
        from grsim_mm.datasets.demo import make_demo_dataset
        args.data_root = 'data/demo'
        if not osp.isfile(osp.join(args.data_root, 'class_dict.txt')):
            print(f'==> generating the demo dataset in {args.data_root}',
                  flush=True)
            make_demo_dataset(args.data_root)

    configs = {}
    for config in args.configs:
        name = method_name(config)
        if name in configs:
            raise SystemExit(f'two configs of method {name!r}; give one')
        configs[name] = config
    pretrain_options = dict(QUICK_PRETRAIN if args.quick else {},
                            **parse_options(args.pretrain_options))
    finetune_options = dict(QUICK_FINETUNE if args.quick else {},
                            **parse_options(args.finetune_options))
    study = MethodStudy(
        pretrain_configs=configs,
        finetune_config=args.finetune_config,
        fractions=args.fractions,
        seeds=args.seeds,
        with_random_init=not args.no_random_init,
        data_root=args.data_root,
        pretrain_options=pretrain_options,
        finetune_options=finetune_options)
    print(f'==> {len(configs)} methods, fractions {args.fractions}, seeds '
          f'{args.seeds}: {study.num_stages()} stages', flush=True)
    result = study.run(work_dir, resume=args.resume)
    description = (
        'Protocol of the GLCNet paper: self-supervised pretraining on the '
        'unlabelled training tiles, DeepLabV3+ fine-tuned with backbone and '
        'ASPP initialised from each method, model selection on trainSel, '
        'test on val.' + (' Tiny schedules (--quick).' if args.quick else ''))
    table = write_study_report(study, result, work_dir, description)
    print('\n' + table)
    print(f'\nresults: {osp.join(work_dir, "results.md")}')


if __name__ == '__main__':
    main()
