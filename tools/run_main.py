"""The main job: GLCNet pretraining vs random init at 1% of the labels.

1. pretrain GLCNet on the unlabelled training tiles;
2. fine-tune DeepLabV3+ on the 1% list, from GLCNet and from random init,
   keeping the best checkpoint on the model-selection split;
3. test both on the test split;
4. print method x OA / Kappa / mIoU;
5. write results.md, results.json, loss and metric curves and a figure of
   predictions on a few test tiles into the work dir.

On the generated demo data (the default) it runs on a laptop CPU in
minutes; ``--dataset potsdam-rgbir --data-root data/potsdam`` runs the
paper's protocol instead (days on GPUs). Every stage is a
``tools/train.py`` / ``tools/test.py`` run whose command is printed.

Examples::

    python tools/run_main.py
    python tools/run_main.py --dataset potsdam-rgbir --data-root data/potsdam
"""
import argparse
import os
import os.path as osp
import sys
import time

REPO_ROOT = osp.dirname(osp.dirname(osp.abspath(__file__)))
sys.path.insert(0, REPO_ROOT)

from grsim_mm.apis.study import (Protocol, SEG_LOADERS,  # noqa: E402
                                 data_root_options, plot_predictions,
                                 run_protocol, write_report)

PROTOCOL_TEXT = (
    'Protocol of the GLCNet paper (Li et al., IEEE TGRS 2022), as in its '
    'reference code: self-supervised pretraining on the unlabelled '
    "training tiles, DeepLabV3+ fine-tuned on 1% of the labels ('trainR1', "
    "backbone + ASPP initialised from GLCNet), tested on 'val'; OA and "
    "Cohen's Kappa from the global confusion matrix, standard mIoU. Model "
    "selection: best mIoU on 'trainSel', disjoint from the training and "
    'test lists (the reference code selected on the test list).')

PROTOCOLS = {
    'demo':
    Protocol(
        name='demo',
        description=PROTOCOL_TEXT + ' Data: the generated demo dataset, '
        'ResNet-18 and short schedules so a CPU finishes in minutes.',
        pretrain='configs/glcnet/glcnet_r18-os16_1xb16-2e_demo.py',
        finetune={
            'GLCNet':
            'configs/finetune/deeplabv3plus_r18-os16_glcnet-1pct_demo.py',
            'random init':
            'configs/finetune/deeplabv3plus_r18-os16_random-1pct_demo.py',
        },
        from_pretrain=('GLCNet', )),
    'potsdam-rgbir':
    Protocol(
        name='potsdam-rgbir',
        description=PROTOCOL_TEXT + ' Data: ISPRS Potsdam, R-G-B-NIR, '
        'ResNet-50 OS16, 400 pretraining and 150 fine-tuning epochs.',
        pretrain='configs/glcnet/glcnet_r50-os16_8xb32-400e_potsdam-rgbir.py',
        finetune={
            'GLCNet':
            'configs/finetune/deeplabv3plus_r50-os16_glcnet-1pct_'
            'potsdam-rgbir.py',
            'random init':
            'configs/finetune/deeplabv3plus_r50-os16_random-1pct_'
            'potsdam-rgbir.py',
        },
        from_pretrain=('GLCNet', )),
}


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description='GLCNet vs random init: pretrain, fine-tune, test, '
        'report')
    parser.add_argument(
        '--dataset', default='demo', choices=sorted(PROTOCOLS),
        help='which protocol (configs) to run')
    parser.add_argument(
        '--data-root',
        help='dataset root in the reference layout (default: the configs\'; '
        'for the demo it is generated there when missing)')
    parser.add_argument(
        '--work-dir', default='work_dirs/main_job',
        help='where every stage and the report are written')
    parser.add_argument(
        '--pretrain-checkpoint',
        help='skip pretraining and fine-tune from this checkpoint')
    parser.add_argument(
        '--jobs', type=int,
        help='fine-tune / test this many methods at once (default: 2 for '
        'the demo, which shares a small CPU better than 2 threads each, '
        'else 1)')
    return parser.parse_args()


def main() -> None:
    args = parse_args()
    protocol = PROTOCOLS[args.dataset]
    work_dir = osp.abspath(args.work_dir)
    os.makedirs(work_dir, exist_ok=True)
    if args.pretrain_checkpoint:
        args.pretrain_checkpoint = osp.abspath(args.pretrain_checkpoint)
    if args.data_root:
        args.data_root = osp.abspath(args.data_root)
    # Config paths (and the configs' own relative paths) are repo-relative.
    os.chdir(REPO_ROOT)
    start = time.time()

    if args.dataset == 'demo':
        from grsim_mm.datasets.demo import make_demo_dataset
        root = args.data_root or osp.abspath('data/demo')
        if not osp.isfile(osp.join(root, 'class_dict.txt')):
            print(f'==> generating the demo dataset in {root}', flush=True)
            make_demo_dataset(root)
        args.data_root = root

    jobs = args.jobs or (2 if args.dataset == 'demo' else 1)
    record = run_protocol(protocol, work_dir, data_root=args.data_root,
                          pretrain_checkpoint=args.pretrain_checkpoint,
                          jobs=jobs)

    glcnet, scratch = (record['metrics'][m]['Kappa']
                       for m in ('GLCNet', 'random init'))
    verdict = (f"GLCNet {'beats' if glcnet > scratch else 'does NOT beat'} "
               f'random init on Kappa ({glcnet:.2f} vs {scratch:.2f}).')
    table = write_report(protocol, record, work_dir,
                         extra_figures=['predictions.png'],
                         conclusion=verdict)
    print('\n==> drawing predictions on test tiles', flush=True)
    plot_predictions(
        protocol.finetune['GLCNet'], record['checkpoints'],
        osp.join(work_dir, 'predictions.png'),
        cfg_options=data_root_options(args.data_root, SEG_LOADERS))

    print(f'\n{protocol.description}\n\n{table}\n\n{verdict}')
    print(f'Report: {osp.join(work_dir, "results.md")} '
          f'(total {time.time() - start:.0f} s)')


if __name__ == '__main__':
    main()
