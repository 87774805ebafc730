"""Sliding-window inference of a segmentor over georeferenced scenes.

A scene may be far larger than memory (a 20000 x 20000 px orthophoto), so it
is processed one row of windows at a time: the strip of rows under the
current row of windows is read with a windowed rasterio read, the logits of
its windows are blended into a buffer that spans only that strip, and the
rows that no later window touches are written out before the next strip is
read.  Peak memory thus grows with the scene width, never with its area.
"""
import copy
import os
import os.path as osp
import warnings
from contextlib import ExitStack
from pathlib import Path
from typing import Dict, List, Optional, Sequence, Union

import numpy as np
import torch
import torch.nn as nn
from mmengine.config import Config
from mmengine.registry import init_default_scope
from mmengine.runner import load_checkpoint
from mmengine.utils import ProgressBar
from mmseg.apis import init_model
from mmseg.registry import DATASETS
from PIL import Image
from rasterio.io import DatasetReader, DatasetWriter
from rasterio.windows import Window

from ..datasets.class_maps import write_class_table
from ..datasets.presets import get_preset
from ..datasets.raster_io import (band_indexes, check_outputs, create_raster,
                                  open_raster, output_profile, raster_info,
                                  read_bands, read_thumbnail, valid_mask)
from .blending import StripBlender, blend_profile, check_window, window_starts

#: Label written where the input is nodata; it is also mmseg's ignore index,
#: so a prediction can be scored against labels with the usual tools.
NODATA_LABEL = 255

ConfigType = Union[str, Path, Config]


def init_segmentor(config: ConfigType,
                   checkpoint: Optional[str] = None,
                   device: str = 'cpu',
                   cfg_options: Optional[dict] = None) -> nn.Module:
    """Build a segmentor for inference with its class names and palette.

    Wraps :func:`mmseg.apis.init_model`, which, for a checkpoint without
    ``dataset_meta``, borrows the palette of whichever mmseg dataset has the
    same number of classes. Here the config's own dataset metainfo is used
    instead, so colours match the dataset the model was trained on. As
    mmengine's Runner does, a model without a ``data_preprocessor`` of its
    own gets the config's top-level one (the dataset setting's), which also
    gives the backbone its band count.
    """
    if not isinstance(config, Config):
        config = Config.fromfile(str(config))
    if cfg_options is not None:
        config.merge_from_dict(cfg_options)
    if (config.model.get('data_preprocessor') is None
            and config.get('data_preprocessor') is not None):
        config.model.data_preprocessor = copy.deepcopy(
            config.data_preprocessor)
    model = init_model(config, None, device='cpu')
    dataset_meta = None
    if checkpoint is not None:
        ckpt = load_checkpoint(model, checkpoint, map_location='cpu')
        dataset_meta = ckpt.get('meta', {}).get('dataset_meta')
    model.dataset_meta = dataset_meta or dataset_meta_from_config(model.cfg)
    return model.to(device).eval()


def dataset_meta_from_config(cfg: Config) -> dict:
    """Class names and palette of the first dataloader dataset in ``cfg``.

    Only the dataset class, its ``preset`` and its ``metainfo`` are looked
    at; the dataset is not built, so no data needs to be on disk.
    """
    init_default_scope(cfg.get('default_scope', 'mmseg'))
    for key in ('test_dataloader', 'val_dataloader', 'train_dataloader'):
        dataset_cfg = (cfg.get(key) or {}).get('dataset')
        while isinstance(dataset_cfg, dict) and 'dataset' in dataset_cfg:
            dataset_cfg = dataset_cfg['dataset']  # dataset wrappers
        if not isinstance(dataset_cfg, dict) or 'type' not in dataset_cfg:
            continue
        dataset_cls = DATASETS.get(dataset_cfg['type'])
        if dataset_cls is None:
            continue
        meta = dataset_cls._load_metainfo(dataset_cfg.get('metainfo'))
        if dataset_cfg.get('preset'):
            meta = {**get_preset(dataset_cfg['preset']),
                    **(dataset_cfg.get('metainfo') or {})}
        if meta.get('classes'):
            return dict(meta)
    return {}


def dataset_palette(model: nn.Module, num_classes: int) -> List[List[int]]:
    """Palette of the model's dataset, or fixed random colours without one."""
    palette = (getattr(model, 'dataset_meta', None) or {}).get('palette')
    if palette is not None and len(palette) >= num_classes:
        return [list(map(int, colour)) for colour in palette[:num_classes]]
    rng = np.random.default_rng(42)  # the seed of mmseg's visualizer
    return rng.integers(0, 256, size=(num_classes, 3)).tolist()


def dataset_classes(model: nn.Module,
                    num_classes: int) -> Optional[List[str]]:
    """Class names of the model's dataset; None when unknown or when their
    count does not match the model's (a sigmoid head has one logit for two
    classes)."""
    classes = (getattr(model, 'dataset_meta', None) or {}).get('classes')
    if classes is None:
        return None
    if num_classes == 1 and len(classes) == 2:
        return list(classes)
    return list(classes) if len(classes) == num_classes else None


def model_in_channels(model: nn.Module) -> Optional[int]:
    """Input bands the model takes: those of the backbone's first conv."""
    root = getattr(model, 'backbone', model)
    conv = next((m for m in root.modules() if isinstance(m, nn.Conv2d)), None)
    return None if conv is None else conv.in_channels


def model_num_classes(model: nn.Module) -> int:
    """Channels of the logits: ``num_classes``, or 1 for a sigmoid head."""
    return model.decode_head.out_channels


@torch.no_grad()
def predict_windows(model: nn.Module, windows: Sequence[np.ndarray]
                    ) -> torch.Tensor:
    """Logits (N, C, H, W) of same-sized band-first windows.

    Each window goes through the model's data preprocessor, so the per-band
    normalisation and any test-time padding are those of the config; it
    takes one image at a time in test mode, the batch is stacked after it.
    """
    height, width = windows[0].shape[-2:]
    inputs = torch.cat([
        model.data_preprocessor(
            dict(inputs=[torch.from_numpy(w)]),
            False)['inputs'] for w in windows
    ])
    metas = [
        dict(
            img_shape=(height, width),
            ori_shape=(height, width),
            pad_shape=tuple(inputs.shape[-2:]))
    ] * len(windows)
    logits = model.encode_decode(inputs, metas)
    return logits[..., :height, :width]  # drop the preprocessor's padding


def predict_scene(model: nn.Module,
                  in_path: str,
                  out_path: str,
                  window: int = 512,
                  overlap: int = 128,
                  blend: str = 'gaussian',
                  batch_size: int = 4,
                  bands: Optional[Sequence[int]] = None,
                  probs_path: Optional[str] = None,
                  preview_path: Optional[str] = None,
                  preview_size: int = 1024,
                  overwrite: bool = False,
                  progress: bool = True) -> Dict[str, int]:
    """Segment a georeferenced scene of any size into a class-map GeoTIFF.

    Args:
        model: An mmseg segmentor, e.g. from :func:`init_segmentor`.
        in_path: Input raster; bands are read in their native dtype and
            normalised by the model's data preprocessor.
        out_path: Single-band uint8 GeoTIFF (LZW, 256 px tiles) with the
            input's CRS, transform and size, the dataset palette as colour
            table, the class names as band metadata (``class_<index>``,
            see :mod:`grsim_mm.datasets.class_maps`), and
            :data:`NODATA_LABEL` where every band read is nodata (by its
            nodata value, internal mask or alpha band).
        window: Side of the square sliding window, in pixels.
        overlap: Pixels shared by neighbouring windows.
        blend: Weighting of logits in overlaps, one of :data:`BLEND_MODES`.
        batch_size: Windows per forward pass.
        bands: 0-based indices of the bands to read, in model order (as
            ``LoadRasterImageFromFile``'s ``bands``); all bands by default.
        probs_path: Optional float16 GeoTIFF of per-class probabilities,
            one band per class, NaN where the input is nodata.
        preview_path: Optional RGBA PNG of the coloured map, downsampled
            so its longer side is at most ``preview_size``; nodata is
            transparent, unlike any class.
        overwrite: Replace existing outputs instead of refusing.
        progress: Show a progress bar over windows.

    Returns:
        dict: ``height``, ``width`` and ``windows`` (the number of windows).
    """
    check_window(window, overlap)  # validate before any work
    blend_profile(1, blend)
    if osp.abspath(out_path) == osp.abspath(in_path):
        raise ValueError(f'{in_path}: the output would replace the input')
    check_outputs([out_path, probs_path, preview_path], overwrite)
    # Write to temporary names and rename at the end, so that an
    # interrupted run leaves no truncated map behind.
    parts = {path: path + '.part' for path in (out_path, probs_path) if path}
    try:
        with open_raster(in_path) as src:
            result = _segment_scene(model, src, in_path, parts[out_path],
                                    parts.get(probs_path), window, overlap,
                                    blend, batch_size, bands, progress)
        for path, part in parts.items():
            os.replace(part, path)
    finally:
        for part in parts.values():
            if osp.exists(part):
                os.remove(part)
    if preview_path is not None:
        write_preview(out_path, preview_path, preview_size)
    return result


def _segment_scene(model: nn.Module, src: DatasetReader,
                   in_path: str, out_path: str, probs_path: Optional[str],
                   window: int, overlap: int, blend: str, batch_size: int,
                   bands: Optional[Sequence[int]],
                   progress: bool) -> Dict[str, int]:
    """The strip-by-strip loop of :func:`predict_scene`."""
    indexes = band_indexes(src, bands, in_path)
    in_channels = model_in_channels(model)
    if in_channels is not None and len(indexes) != in_channels:
        raise ValueError(
            f'{in_path}: {len(indexes)} bands are read but the model takes '
            f'{in_channels}; select bands with `bands` (--bands)')
    if src.crs is None:
        warnings.warn(f'{in_path} has no CRS; the outputs will have none')
    num_classes = model_num_classes(model)
    if num_classes > NODATA_LABEL:
        raise ValueError(f'{num_classes} classes do not fit in uint8 labels '
                         f'below the nodata label {NODATA_LABEL}')

    height, width = src.height, src.width
    win_h, win_w = min(window, height), min(window, width)
    ys = window_starts(height, win_h, overlap)
    xs = window_starts(width, win_w, overlap)
    device = next(model.parameters()).device
    weight_y = torch.from_numpy(blend_profile(win_h, blend)).to(device)
    weight_x = torch.from_numpy(blend_profile(win_w, blend)).to(device)
    blender = StripBlender(num_classes, win_h, width, weight_y, weight_x, xs)

    with ExitStack() as stack:
        dst = stack.enter_context(
            create_raster(out_path,
                          output_profile(src, 1, 'uint8', NODATA_LABEL)))
        write_class_table(dst, dataset_classes(model, num_classes),
                          dataset_palette(model, max(num_classes, 2)),
                          NODATA_LABEL)
        probs_dst = None
        if probs_path is not None:
            # GTiff stores float16 as NBITS=16 on a Float32 band.
            profile = output_profile(src, num_classes, 'float32', np.nan)
            probs_dst = stack.enter_context(
                create_raster(probs_path, dict(profile, NBITS=16)))

        bar = ProgressBar(len(ys) * len(xs)) if progress else None
        for row, y in enumerate(ys):
            strip = read_bands(src, indexes, Window(0, y, width, win_h),
                               in_path)
            for start in range(0, len(xs), batch_size):
                batch_xs = xs[start:start + batch_size]
                logits = predict_windows(
                    model, [strip[:, :, x:x + win_w] for x in batch_xs])
                for x, window_logits in zip(batch_xs, logits):
                    blender.add(window_logits.float(), x)
                if bar is not None:
                    bar.update(len(batch_xs))
            blender.add_row()
            next_y = ys[row + 1] if row + 1 < len(ys) else height
            rows = Window(0, y, width, next_y - y)
            _write_rows(src, indexes, dst, probs_dst, rows,
                        blender.blended(next_y - y), model)
            blender.advance(next_y - y)
        if bar is not None:
            bar.file.write('\n')
    return dict(height=height, width=width, windows=len(ys) * len(xs))


def _write_rows(src: DatasetReader, indexes: List[int],
                dst: DatasetWriter, probs_dst: Optional[DatasetWriter],
                rows: Window, logits: torch.Tensor, model: nn.Module) -> None:
    """Turn blended logits into labels (and probabilities) and write them."""
    binary = logits.shape[0] == 1  # a one-channel head with a sigmoid
    if binary:
        labels = logits[0].sigmoid() > model.decode_head.threshold
    else:
        labels = logits.argmax(dim=0)
    labels = labels.to(torch.uint8).cpu().numpy()
    valid = valid_mask(src, indexes, rows)
    labels[~valid] = NODATA_LABEL
    dst.write(labels, 1, window=rows)
    if probs_dst is not None:
        probs = logits.sigmoid() if binary else logits.softmax(dim=0)
        probs = probs.cpu().numpy()
        probs[:, ~valid] = np.nan
        probs_dst.write(probs, window=rows)


def write_preview(label_path: str, png_path: str, max_size: int = 1024
                  ) -> None:
    """Save an RGBA PNG of a class-map GeoTIFF, at most ``max_size`` px.

    Classes are drawn opaque in the map's colour table; nodata (the map's
    nodata value, transparent in its colour table) is drawn transparent, so
    it is never mistaken for a class, whatever the palette. The map is
    decimated by GDAL while reading (nearest neighbour), so even a huge map
    is never read at full resolution.
    """
    labels, colormap = read_thumbnail(label_path, max_size)
    nodata = raster_info(label_path)['nodata']
    lut = np.zeros((256, 4), dtype=np.uint8)
    for value, colour in colormap.items():
        lut[value] = colour
    rgba = lut[labels]
    if nodata is not None:
        rgba[labels == nodata] = 0
    os.makedirs(osp.dirname(osp.abspath(png_path)), exist_ok=True)
    Image.fromarray(rgba, mode='RGBA').save(png_path)
