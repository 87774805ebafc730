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
import copy
import sys
from typing import List, Optional

import torch
from mmengine.analysis import FlopAnalyzer, parameter_count
from mmengine.analysis.print_helper import complexity_stats_table
from mmengine.config import Config, DictAction
from mmengine.model import revert_sync_batchnorm
from mmengine.registry import MODELS, init_default_scope

import grsim_mm  # noqa: F401  (registers the toolbox's components)
from grsim_mm.utils import resolve_config


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


def _preprocessors(cfg: Config) -> List[dict]:
    found = [cfg.get('data_preprocessor'),
             cfg.model.get('data_preprocessor')]
    return [p for p in found if p is not None]


def config_bands(cfg: Config) -> Optional[int]:
    """Band count the config's model takes: its preprocessor's per-band
    mean, else the backbone's ``in_channels``."""
    for pre in _preprocessors(cfg):
        mean = pre.get('mean')
        if mean is not None and len(mean) > 1:
            return len(mean)
    return (cfg.model.get('backbone') or {}).get('in_channels')


def set_bands(cfg: Config, bands: int) -> None:
    """Make the config's model take ``bands`` bands: the statistics become
    ``bands`` copies of their mean (values do not change FLOPs), an explicit
    backbone ``in_channels`` follows."""
    if bands < 1:
        raise ValueError(f'--bands must be positive, got {bands}')
    for pre in _preprocessors(cfg):
        for key in ('mean', 'std'):
            values = pre.get(key)
            if values is not None:
                pre[key] = [float(sum(values)) / len(values)] * bands
    backbone = cfg.model.get('backbone')
    if backbone is not None and 'in_channels' in backbone:
        backbone['in_channels'] = bands


def input_shape(cfg: Config, shape: Optional[List[int]]) -> tuple:
    """``(height, width)`` from ``--shape`` or the config's crop size."""
    if shape is None:
        shape = cfg.get('crop_size')
        if shape is None:
            raise ValueError('the config has no crop_size; give the input '
                             'size with --shape H [W]')
    shape = [int(v) for v in ([shape] if isinstance(shape, int) else shape)]
    if len(shape) not in (1, 2) or min(shape) < 1:
        raise ValueError(f'--shape takes H or H W, got {shape}')
    return (shape[0], shape[-1])


def model_complexity(cfg: Config, bands: Optional[int] = None,
                     shape: Optional[List[int]] = None,
                     table: bool = False) -> dict:
    """``flops``, ``params``, ``bands``, ``shape`` (and ``table``) of the
    config's model on one ``bands x H x W`` input."""
    cfg = copy.deepcopy(cfg)
    if bands is not None:
        set_bands(cfg, bands)
    bands = config_bands(cfg)
    if bands is None:
        raise ValueError('the config states no band count (no per-band '
                         'mean, no backbone.in_channels); give --bands N')
    height, width = input_shape(cfg, shape)
    if (cfg.model.get('data_preprocessor') is None
            and cfg.get('data_preprocessor') is not None):
        # as mmengine's Runner does for pretraining configs
        cfg.model.data_preprocessor = copy.deepcopy(cfg.data_preprocessor)
    init_default_scope(cfg.get('default_scope', 'mmseg'))
    model = revert_sync_batchnorm(MODELS.build(cfg.model)).eval()
    inputs = torch.rand(1, bands, height, width)
    # mmengine's get_model_complexity_info with its warnings gathered: the
    # operators it cannot count are reported once, by name, in the result.
    analyzer = FlopAnalyzer(model, (inputs, ))
    analyzer.unsupported_ops_warnings(False)
    analyzer.uncalled_modules_warnings(False)
    with torch.no_grad():
        flops = analyzer.total()
    return dict(flops=flops, params=parameter_count(model)[''], bands=bands,
                shape=(height, width),
                not_counted=dict(analyzer.unsupported_ops()),
                table=complexity_stats_table(analyzer) if table else '')


def main(argv: Optional[List[str]] = None) -> None:
    args = parse_args(argv)
    cfg = Config.fromfile(resolve_config(args.config))
    if args.cfg_options:
        cfg.merge_from_dict(args.cfg_options)
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
