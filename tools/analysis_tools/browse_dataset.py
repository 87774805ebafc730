"""Look at what a config feeds the model: samples after the pipeline.

One figure per sample, written to ``--output-dir``:

- **segmentation** configs: the tile and its label painted over it in the
  dataset palette, with a legend of the classes present (ignored pixels
  are left unpainted);
- **pretraining** configs: the views side by side, and the matched
  windows of GLCNet-style views drawn in the same colour in every view;
- **scene** configs: the image titled with its class.

Tiles of any band count and dtype are shown as everywhere in the toolbox:
the bands named red, green and blue (else the first three, or
``--rgb-bands``), each stretched between two percentiles. Run it after
changing a pipeline: what the network sees is what the figures show.

Examples::

    python tools/analysis_tools/browse_dataset.py \\
        configs/finetune/deeplabv3plus_r18-os16_glcnet_1xb8-40e_demo-1pct.py \\
        --output-dir browse/finetune --num 8
    python tools/analysis_tools/browse_dataset.py \\
        configs/glcnet/glcnet_r18-os16_1xb16-2e_demo.py --output-dir browse/glcnet
    python tools/analysis_tools/browse_dataset.py CONFIG --phase val \\
        --rgb-bands 3 0 1 --output-dir browse/val
"""
import argparse
import os
import os.path as osp
import random
import sys
from typing import List, Optional

import numpy as np
import torch
from mmengine.config import DictAction

import grsim_mm  # noqa: F401  (registers the toolbox's components)
from grsim_mm.utils import load_config
from grsim_mm.visualization import DEFAULT_PERCENTILES
from grsim_mm.visualization.browse import (build_phase_dataset,
                                           sample_panels, sample_stem,
                                           save_panels)


def parse_args(argv: Optional[List[str]] = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description='Save figures of a dataset\'s samples after its '
        'pipeline (augmented tiles with labels, or pretraining views)')
    parser.add_argument('config', help='config file')
    parser.add_argument('--output-dir', required=True,
                        help='folder of the figures')
    parser.add_argument('--phase', choices=['train', 'val', 'test'],
                        default='train',
                        help='which dataloader\'s dataset (default: train)')
    parser.add_argument('--num', type=int, default=8,
                        help='samples to draw (default: 8)')
    parser.add_argument('--seed', type=int, default=0,
                        help='seed of the augmentation draws')
    parser.add_argument(
        '--rgb-bands', type=int, nargs=3, metavar=('R', 'G', 'B'),
        help='0-based bands shown as red, green, blue (default: by band '
        'name, else the first three)')
    parser.add_argument(
        '--percentiles', type=float, nargs=2, default=DEFAULT_PERCENTILES,
        metavar=('LOW', 'HIGH'),
        help='per-band stretch between these percentiles (default: 2 98)')
    parser.add_argument('--cfg-options', nargs='+', action=DictAction,
                        help='override config settings, e.g. '
                        'train_dataloader.dataset.data_root=data/mine')
    return parser.parse_args(argv)


def main(argv: Optional[List[str]] = None) -> None:
    args = parse_args(argv)
    cfg = load_config(args.config, args.cfg_options)
    if args.num < 1:
        sys.exit(f'--num must be positive, got {args.num}')
    try:
        dataset = build_phase_dataset(cfg, args.phase)
    except (ValueError, FileNotFoundError, OSError) as e:
        sys.exit(f'{args.config}: {e}')
    if len(dataset) == 0:
        sys.exit(f'{args.config}: the {args.phase} dataset is empty')
    random.seed(args.seed)
    np.random.seed(args.seed)
    torch.manual_seed(args.seed)
    os.makedirs(args.output_dir, exist_ok=True)
    count = min(args.num, len(dataset))
    for index in range(count):
        sample = dataset[index]
        panels, legend = sample_panels(sample, dataset.metainfo,
                                       args.rgb_bands, args.percentiles)
        stem = sample_stem(sample, index)
        save_panels(osp.join(args.output_dir, stem + '.png'), panels,
                    legend, stem)
        print(f'[{index + 1}/{count}] {stem}.png', flush=True)
    print(f'{count} figures in {args.output_dir}')


if __name__ == '__main__':
    main()
