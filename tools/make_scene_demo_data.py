"""Write the synthetic scene-classification demo dataset.

    python tools/make_scene_demo_data.py                # data/scene_demo/
    python tools/make_scene_demo_data.py --variant rgb  # data/scene_demo_rgb/
    python tools/make_scene_demo_data.py --out-dir D --seed 1

See ``grsim_mm.datasets.scene_demo`` for what the data contains.
"""
import argparse
import time

from grsim_mm.datasets.scene_demo import make_scene_demo_dataset


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--variant', choices=('ms', 'rgb'), default='ms',
                        help='13-band uint16 GeoTIFF or 3-band uint8 JPEG')
    parser.add_argument('--out-dir', help='default: data/scene_demo, or '
                        'data/scene_demo_rgb for --variant rgb')
    parser.add_argument('--per-class', type=int, default=50)
    parser.add_argument('--size', type=int, default=32)
    parser.add_argument('--seed', type=int, default=0)
    return parser.parse_args()


def main() -> None:
    args = parse_args()
    out_dir = args.out_dir or ('data/scene_demo' if args.variant == 'ms' else
                               'data/scene_demo_rgb')
    start = time.perf_counter()
    lists = make_scene_demo_dataset(out_dir, variant=args.variant,
                                    per_class=args.per_class,
                                    size=args.size, seed=args.seed)
    sizes = ', '.join(f'{k} {len(v)}' for k, v in lists.items())
    print(f'wrote {out_dir} in {time.perf_counter() - start:.1f} s '
          f'({sizes} images)')


if __name__ == '__main__':
    main()
