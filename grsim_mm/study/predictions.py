"""Prediction overlays of segmentation models on a few test tiles, drawn in
the study's plot style."""
import time
from typing import Any, Dict, List, Mapping, Optional, Sequence

import numpy as np

from ..visualization import display_rgb, figure
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
