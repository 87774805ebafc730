"""Samples of a dataset as the model receives them, drawn for a person.

A segmentation sample gives the tile and its label painted over it in the
dataset palette (ignored pixels unpainted) with a legend of the classes
present; a pretraining sample its views side by side, the matched windows of
GLCNet-style views drawn in the same colour in every view; a scene sample
the image titled with its class. Tiles of any band count and dtype go
through :func:`display_rgb`, as every picture of the toolbox.
"""
import os.path as osp
from typing import List, Optional, Sequence, Tuple

import numpy as np
import torch
from mmengine.config import Config
from mmengine.registry import DATASETS, init_default_scope

from .display import DEFAULT_PERCENTILES, display_rgb
from .style import figure

#: Opacity of the label colours over the tile.
ALPHA = 0.5

Panel = Tuple[str, np.ndarray, List[Tuple[Sequence[float], str]]]


def build_phase_dataset(cfg: Config, phase: str):
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

    def show(tensor, labelled=None):
        return display_rgb(_image(tensor), band_names, rgb_bands,
                           percentiles, labelled, blank_invalid=False)

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
    if 'gt_sem_seg' in data_sample:
        label = data_sample.gt_sem_seg.data[0].numpy()
        palette = metainfo['palette']
        classes = metainfo['classes']
        # The file's nodata is gone after the pipeline but ignored in the
        # label: the labelled pixels set the contrast, all are drawn.
        labelled = label < len(classes)
        rgb = show(inputs, labelled if labelled.any() else None)
        present = [c for c in np.unique(label) if c < len(classes)]
        legend = [(classes[c], tuple(palette[c])) for c in present]
        if (label >= len(classes)).any():
            legend.append(('ignored', None))
        return [('image', rgb, []),
                ('label', paint_labels(rgb, label, palette), [])], legend
    rgb = show(inputs)
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
