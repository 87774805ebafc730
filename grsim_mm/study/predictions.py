"""What the rows predict, drawn in the study's plot style: overlays of
segmentation models on a few test tiles, confusion matrices of scene
classifiers."""
import csv
import os.path as osp
import time
from typing import Any, Dict, List, Mapping, Optional, Sequence, Tuple

import numpy as np

from ..visualization import display_rgb, figure
from .outputs import latest_run_dir
from .plots import method_colours


def plot_predictions(config: str,
                     checkpoints: Mapping[str, str],
                     out_file: str,
                     cfg_options: Optional[Mapping[str, Any]] = None,
                     num_tiles: int = 4,
                     rgb_bands: Optional[Sequence[int]] = None) -> None:
    """Overlay the predictions of several models on a few test tiles.

    One row per tile: the image, the label and every model's prediction,
    painted with mmseg's :class:`SegLocalVisualizer` in the dataset palette;
    each model's column title has the model's colour of the other figures.
    Tiles are shown by :func:`display_rgb`: ``rgb_bands``, else the bands
    the dataset names red, green and blue, else the first three.
    """
    import torch
    from mmengine.config import Config
    from mmengine.dataset import pseudo_collate
    from mmengine.registry import DefaultScope
    from mmengine.structures import PixelData
    from mmseg.apis import init_model
    from mmseg.registry import DATASETS
    from mmseg.structures import SegDataSample
    from mmseg.visualization import SegLocalVisualizer

    cfg = Config.fromfile(config)
    if cfg_options:
        cfg.merge_from_dict(dict(cfg_options))
    with DefaultScope.overwrite_default_scope(cfg.get('default_scope',
                                                      'mmseg')):
        dataset = DATASETS.build(cfg.test_dataloader.dataset)
    indices = np.linspace(0, len(dataset) - 1, num_tiles).astype(int)
    samples = [dataset[int(i)] for i in indices]

    visualizer = SegLocalVisualizer(
        name=f'predictions_{time.time_ns()}', alpha=0.6)
    visualizer.set_dataset_meta(dataset.metainfo['classes'],
                                dataset.metainfo['palette'])

    def paint(rgb: np.ndarray, label: torch.Tensor, as_gt: bool):
        sample = SegDataSample()
        if as_gt:
            sample.gt_sem_seg = PixelData(data=label)
        else:
            sample.pred_sem_seg = PixelData(data=label)
        visualizer.add_datasample(
            'tile', rgb, sample, draw_gt=as_gt, draw_pred=not as_gt,
            with_labels=False)
        return visualizer.get_image()

    columns: Dict[str, List[np.ndarray]] = {'image': [], 'label': []}
    rgbs = []
    for sample in samples:
        img = sample['inputs'].permute(1, 2, 0).numpy()
        rgb = display_rgb(img, dataset.metainfo.get('band_names'),
                          rgb_bands)
        rgbs.append(rgb)
        columns['image'].append(rgb)
        columns['label'].append(
            paint(rgb, sample['data_samples'].gt_sem_seg.data, True))
    for method, ckpt in checkpoints.items():
        model = init_model(cfg, ckpt, device='cpu')
        model.eval()
        preds = []
        with torch.no_grad():
            for sample, rgb in zip(samples, rgbs):
                out = model.test_step(pseudo_collate([sample]))[0]
                preds.append(paint(rgb, out.pred_sem_seg.data.cpu(), False))
        columns[method] = preds

    colours = method_colours(list(checkpoints))
    with figure(out_file, len(samples), len(columns), (2.4, 2.4),
                grid=False) as axes:
        for col, (title, images) in enumerate(columns.items()):
            for row, image in enumerate(images):
                axes[row, col].imshow(image)
                axes[row, col].axis('off')
            axes[0, col].set_title(title, color=colours.get(title, 'black'))


def read_confusion_matrix(test_dir: str) -> Tuple[List[str], np.ndarray]:
    """Class names and matrix (rows true, columns predicted) that
    ``RSISceneMetric`` wrote for the latest test in ``test_dir``."""
    path = osp.join(latest_run_dir(test_dir), 'scene_confusion_matrix.csv')
    with open(path, newline='', encoding='utf-8') as f:
        rows = list(csv.reader(f))
    names = rows[0][1:]
    return names, np.array([[int(v) for v in r[1:]] for r in rows[1:]])


def plot_confusion_matrices(test_dirs: Mapping[str, str], out_file: str,
                            title: str = '') -> None:
    """One panel per model: its test confusion matrix as row-normalised
    recall (the diagonal is each class's recall), the counts written in
    the cells, the overall accuracy in the panel title in the model's
    colour."""
    colours = method_colours(list(test_dirs))
    matrices = {m: read_confusion_matrix(d) for m, d in test_dirs.items()}
    num = len(next(iter(matrices.values()))[0])
    side = max(2.6, 0.35 * num + 1.2)
    with figure(out_file, 1, len(matrices), (side, side), title,
                grid=False) as axes:
        for ax, (method, (names, matrix)) in zip(axes[0], matrices.items()):
            recall = matrix / np.maximum(matrix.sum(1, keepdims=True), 1)
            ax.imshow(recall, vmin=0, vmax=1, cmap='Blues')
            if num <= 20:
                for (i, j), count in np.ndenumerate(matrix):
                    ax.text(j, i, str(count), ha='center', va='center',
                            fontsize=6,
                            color='white' if recall[i, j] > 0.5 else 'black')
            ticks = np.arange(num)
            ax.set_xticks(ticks)
            ax.set_yticks(ticks)
            ax.set_xticklabels(names, rotation=90, fontsize=6)
            ax.set_yticklabels(names, fontsize=6)
            ax.set_xlabel('predicted')
            ax.set_ylabel('true')
            accuracy = 100 * np.trace(matrix) / max(matrix.sum(), 1)
            ax.set_title(f'{method}\nOA {accuracy:.1f}%',
                         color=colours[method])
