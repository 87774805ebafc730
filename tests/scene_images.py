"""Tiny scene folders for the STICL and TOV training tests: one image per
class of the scene demo presets, class folders, no split lists."""
import warnings

import numpy as np
import rasterio
from rasterio.errors import NotGeoreferencedWarning

from grsim_mm.datasets.scene_presets import DEMO_CLASSES


def write_scene_folder(root, bands: int, dtype, high: int, size: int = 32,
                       seed: int = 0) -> str:
    """``root/images/<class>/0.tif`` for every demo class: smooth random
    images of ``bands`` bands in ``[0, high]``."""
    rng = np.random.default_rng(seed)
    yy, xx = np.mgrid[0:size, 0:size] / size
    for label, name in enumerate(DEMO_CLASSES):
        folder = root / 'images' / name
        folder.mkdir(parents=True)
        base = rng.uniform(0.2, 0.8, (bands, 1, 1))
        slope = rng.uniform(-0.2, 0.2, (bands, 2, 1, 1))
        img = base + slope[:, 0] * yy + slope[:, 1] * xx
        img = img + rng.normal(0, 0.03, img.shape)
        data = np.clip(img * high, 0, high).astype(dtype)
        with warnings.catch_warnings():
            warnings.simplefilter('ignore', NotGeoreferencedWarning)
            with rasterio.open(folder / '0.tif', 'w', driver='GTiff',
                               count=bands, height=size, width=size,
                               dtype=data.dtype) as dst:
                dst.write(data)
    return str(root)


def tiny_run_options(work_dir: str) -> dict:
    """Overrides that shrink a scene pretraining config to steps of batch 4
    with a queue of 8 keys, one data process and a log line a step."""
    return {
        'train_dataloader.batch_size': 4,
        'train_dataloader.num_workers': 0,
        'train_dataloader.persistent_workers': False,
        'env_cfg.cudnn_benchmark': False,
        'model.queue_len': 8,
        'work_dir': work_dir,
        'default_hooks.logger.interval': 1,
        'log_level': 'WARNING',
    }
