"""Write the synthetic demo dataset (reference layout) used by the demo
configs and the tests.

    python tools/make_demo_data.py                 # -> data/demo/
    python tools/make_demo_data.py --out-dir D --seed 1

See ``grsim_mm.datasets.demo`` for what the data contains.
"""
import argparse
import time

from grsim_mm.datasets.demo import make_demo_dataset


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--out-dir', default='data/demo')
    parser.add_argument('--seed', type=int, default=0)
    parser.add_argument('--train-scenes', type=int, default=10)
    parser.add_argument('--val-scenes', type=int, default=2)
    parser.add_argument('--scene-size', type=int, default=768)
    parser.add_argument('--tile-size', type=int, default=128)
    parser.add_argument(
        '--min-tiles',
        type=int,
        default=16,
        help='smallest size of a label-fraction list')
    return parser.parse_args()


def main() -> None:
    args = parse_args()
    start = time.perf_counter()
    splits = make_demo_dataset(
        args.out_dir,
        num_train_scenes=args.train_scenes,
        num_val_scenes=args.val_scenes,
        scene_size=args.scene_size,
        tile_size=args.tile_size,
        seed=args.seed,
        min_tiles=args.min_tiles)
    sizes = ', '.join(f'{k} {len(v)}' for k, v in splits.items())
    print(f'wrote {args.out_dir} in {time.perf_counter() - start:.1f} s '
          f'({sizes} tiles)')


if __name__ == '__main__':
    main()
