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
from typing import List, Optional, Sequence, Tuple

import numpy as np
import torch
from mmengine.config import Config, DictAction
from mmengine.registry import DATASETS, init_default_scope

import grsim_mm  # noqa: F401  (registers the toolbox's components)
from grsim_mm.utils import resolve_config
from grsim_mm.visualization import DEFAULT_PERCENTILES, display_rgb, figure

#: Opacity of the label colours over the tile.
ALPHA = 0.5

Panel = Tuple[str, np.ndarray, List[Tuple[Sequence[float], str]]]


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


def build_dataset(cfg: Config, phase: str):
    """The dataset of ``<phase>_dataloader``, pipeline included."""
    loader = cfg.get(f'{phase}_dataloader')
    if not loader or not loader.get('dataset'):
        phases = [p for p in ('train', 'val', 'test')
                  if (cfg.get(f'{p}_dataloader') or {}).get('dataset')]
        raise ValueError(f'the config has no {phase}_dataloader dataset; '
                         f'use --phase with one of {phases}')
    init_default_scope(cfg.get('default_scope', 'mmseg'))
    return DATASETS.build(loader.dataset)


def _image(tensor: torch.Tensor) -> np.ndarray:
    """A packed ``(C, H, W)`` input as an ``(H, W, C)`` array."""
    return np.ascontiguousarray(tensor.numpy().transpose(1, 2, 0))


def paint_labels(rgb: np.ndarray, label: np.ndarray,
                 palette: Sequence[Sequence[int]],
                 alpha: float = ALPHA) -> np.ndarray:
    """Blend the class colours into the picture; labels outside the
    palette (the ignore index) stay unpainted."""
    colours = np.asarray(palette, dtype=np.float64)
    painted = rgb.astype(np.float64)
    known = label < len(colours)
    painted[known] = ((1 - alpha) * painted[known] +
                      alpha * colours[label[known]])
    return np.round(painted).astype(np.uint8)


def sample_panels(sample: dict, metainfo: dict,
                  rgb_bands: Optional[Sequence[int]] = None,
                  percentiles: Sequence[float] = DEFAULT_PERCENTILES
                  ) -> Tuple[List[Panel], List[Tuple[str, tuple]]]:
    """The panels of one packed sample and its legend.

    Returns:
        ``(title, picture, boxes)`` per panel, ``boxes`` being
        ``((x1, y1, x2, y2), colour)`` rectangles to draw, and the legend
        as ``(class name, RGB colour)`` pairs.
    """
    inputs, data_sample = sample['inputs'], sample['data_samples']
    band_names = metainfo.get('band_names')

    def show(tensor):
        return display_rgb(_image(tensor), band_names, rgb_bands,
                           percentiles)

    if isinstance(inputs, (list, tuple)):  # views of a pretraining sample
        boxes = [[] for _ in inputs]
        windows = data_sample.get('windows')
        if windows is not None and np.shape(windows)[1:2] == (len(inputs), ):
            valid = data_sample.get('window_valid')
            valid = (np.ones(len(windows), bool) if valid is None else
                     np.asarray(valid, bool))
            for p, pair in enumerate(np.asarray(windows)):
                if valid[p]:
                    for v, box in enumerate(pair):
                        boxes[v].append((tuple(box), f'C{p % 10}'))
        return [(f'view {v + 1}', show(view), boxes[v])
                for v, view in enumerate(inputs)], []
    rgb = show(inputs)
    if 'gt_sem_seg' in data_sample:
        label = data_sample.gt_sem_seg.data[0].numpy()
        palette = metainfo['palette']
        classes = metainfo['classes']
        present = [c for c in np.unique(label) if c < len(classes)]
        legend = [(classes[c], tuple(palette[c])) for c in present]
        if (label >= len(classes)).any():
            legend.append(('ignored', None))
        return [('image', rgb, []),
                ('label', paint_labels(rgb, label, palette), [])], legend
    if 'gt_label' in data_sample:
        index = int(data_sample.gt_label.reshape(-1)[0])
        classes = metainfo.get('classes')
        name = classes[index] if classes else str(index)
        return [(f'class: {name}', rgb, [])], []
    return [('image', rgb, [])], []


def save_panels(out_file: str, panels: List[Panel],
                legend: List[Tuple[str, tuple]], title: str) -> None:
    """One row of panels in the toolbox's plot style."""
    from matplotlib.patches import Patch, Rectangle
    with figure(out_file, 1, len(panels), (3.2, 3.4), title,
                grid=False) as axes:
        for ax, (name, picture, boxes) in zip(axes[0], panels):
            ax.imshow(picture)
            for (x1, y1, x2, y2), colour in boxes:
                # pixel edges: a half-open box [x1, x2) spans x1-0.5..x2-0.5
                ax.add_patch(Rectangle((x1 - 0.5, y1 - 0.5), x2 - x1,
                                       y2 - y1, fill=False, lw=1.2,
                                       edgecolor=colour))
            ax.set_title(name)
            ax.axis('off')
        if legend:
            handles = [
                Patch(facecolor=np.asarray(c) / 255 if c else 'none',
                      edgecolor='black', label=n) for n, c in legend]
            axes[0, -1].legend(handles=handles, loc='upper left',
                               bbox_to_anchor=(1.02, 1))


def sample_stem(sample: dict, index: int) -> str:
    """File name of a sample's figure: index and image name."""
    data_sample = sample['data_samples']
    path = data_sample.get('img_path') if data_sample is not None else None
    stem = osp.splitext(osp.basename(path))[0] if path else 'sample'
    return f'{index:05d}_{stem}'


def main(argv: Optional[List[str]] = None) -> None:
    args = parse_args(argv)
    cfg = Config.fromfile(resolve_config(args.config))
    if args.cfg_options:
        cfg.merge_from_dict(args.cfg_options)
    if args.num < 1:
        sys.exit(f'--num must be positive, got {args.num}')
    try:
        dataset = build_dataset(cfg, args.phase)
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
