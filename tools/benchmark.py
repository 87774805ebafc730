"""Speed benchmarks of grsim_mm.

Each sub-command lives in ``tools/benchmarks/<name>.py`` and exposes
``add_arguments(parser)`` and ``run(args) -> dict``.  Results are printed as
a table and, with ``--out``, appended to a JSON-lines file so measurements
from different machines can be collected in one place.

Examples::

    python tools/benchmark.py views --num-threads 1
    python tools/benchmark.py train-step --batch-size 8 --device cpu
    python tools/benchmark.py predict --scene-size 6000 --device cuda
    python tools/benchmark.py losses --batch-size 256
    python tools/benchmark.py contrastive-losses --batch-size 256
    python tools/benchmark.py scene-loading
    python tools/benchmark.py ot-scene-transfer
    python tools/benchmark.py geo-sampler --scene-size 10000
    python tools/benchmark.py last-step --batch-size 2 --device cpu
    python tools/benchmark.py grass-step --batch-size 32 --device cuda --amp
    python tools/benchmark.py position-step --neighbours 2 4 8
"""
import argparse
import importlib
import json
import os.path as osp
import platform
import sys
import time

import torch

sys.path.insert(0, osp.dirname(osp.abspath(__file__)))

BENCHMARKS = {
    'views': 'benchmarks.views',
    'train-step': 'benchmarks.train_step',
    'predict': 'benchmarks.predict',
    'losses': 'benchmarks.losses',
    'contrastive-losses': 'benchmarks.losses',  # the former name
    'scene-loading': 'benchmarks.scene_loading',
    'ot-scene-transfer': 'benchmarks.ot_scene_transfer',
    'geo-sampler': 'benchmarks.geo_sampler',
    'last-step': 'benchmarks.last_step',
    'grass-step': 'benchmarks.grass_step',
    'position-step': 'benchmarks.position_step',
}


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description='grsim_mm speed benchmarks')
    parser.add_argument('--out', help='append the result as JSON to this file')
    sub = parser.add_subparsers(dest='name', required=True)
    for name, module in BENCHMARKS.items():
        mod = importlib.import_module(module)
        sub_parser = sub.add_parser(name, help=mod.__doc__.splitlines()[0])
        mod.add_arguments(sub_parser)
    return parser.parse_args()


def main() -> None:
    args = parse_args()
    mod = importlib.import_module(BENCHMARKS[args.name])
    result = mod.run(args)
    record = dict(
        benchmark=args.name,
        time=time.strftime('%Y-%m-%dT%H:%M:%S'),
        host=platform.node(),
        cpu=platform.processor() or platform.machine(),
        torch=torch.__version__,
        cuda=torch.cuda.get_device_name() if torch.cuda.is_available() else None,
        args={k: v for k, v in vars(args).items() if k not in ('out', 'name')},
        result=result)
    width = max(len(k) for k in result)
    print(f'--- {args.name} ---')
    for key, value in result.items():
        print(f'{key:<{width}}  {value}')
    if args.out:
        with open(args.out, 'a', encoding='utf-8') as f:
            f.write(json.dumps(record) + '\n')


if __name__ == '__main__':
    main()
