"""FLOPs and parameters of a config's model, for any band count.

The band count comes from the config (the per-band ``mean`` of its data
preprocessor, which the backbone follows) or from ``--bands``, which
rebuilds the model for that many bands: only the stem's first convolution
changes. The input size comes from ``--shape`` or the dataset setting's
``crop_size``.

What is measured is one forward pass of one image in ``tensor`` mode: a
segmentor up to its logits (at the decoder's resolution, as mmseg's tool); a
self-supervised algorithm through its feature extractor (``extract_feat``, the
backbone) on one view, heads and the second view not counted; a classifier up
to its logits. FLOPs count one multiply-add as one (mmengine's
``FlopAnalyzer``, fvcore's convention), and operators without a FLOP rule
(normalisation, resizing, pooling) are listed as not counted; parameters count
every parameter of the model, heads included.

Examples::

    python tools/analysis_tools/get_flops.py \\
        configs/finetune/deeplabv3plus_r50-os16_glcnet_1xb16-150e_potsdam-rgbir-1pct.py
    python tools/analysis_tools/get_flops.py CONFIG --bands 13 --shape 256
    python tools/analysis_tools/get_flops.py CONFIG --table
"""
import argparse
import sys
from typing import List, Optional

from mmengine.config import DictAction

import grsim_mm  # noqa: F401  (registers the toolbox's components)
from grsim_mm.analysis import model_complexity
from grsim_mm.utils import load_config


def parse_args(argv: Optional[List[str]] = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description='FLOPs and parameters of the model of a config')
    parser.add_argument('config', help='config file')
    parser.add_argument(
        '--bands', type=int,
        help='band count of the input (default: the config\'s)')
    parser.add_argument(
        '--shape', type=int, nargs='+',
        help='input height [width] in pixels (default: the config\'s '
        'crop_size)')
    parser.add_argument('--table', action='store_true',
                        help='also print the per-module table')
    parser.add_argument(
        '--cfg-options', nargs='+', action=DictAction,
        help='override config settings, e.g. model.backbone.depth=18')
    return parser.parse_args(argv)


def main(argv: Optional[List[str]] = None) -> None:
    args = parse_args(argv)
    cfg = load_config(args.config, args.cfg_options)
    try:
        result = model_complexity(cfg, args.bands, args.shape, args.table)
    except ValueError as e:
        sys.exit(f'{args.config}: {e}')
    height, width = result['shape']
    line = '=' * 40
    print(f'{line}\nconfig: {args.config}\n'
          f'input: {result["bands"]} bands x {height} x {width}\n'
          f'FLOPs: {result["flops"] / 1e9:.3f} G (multiply-adds)\n'
          f'parameters: {result["params"] / 1e6:.3f} M')
    if result['not_counted']:
        ops = ', '.join(f'{op} ({n}x)'
                        for op, n in sorted(result['not_counted'].items()))
        print(f'not counted (no FLOP rule): {ops}')
    print(line)
    if args.table:
        print(result['table'])


if __name__ == '__main__':
    main()
