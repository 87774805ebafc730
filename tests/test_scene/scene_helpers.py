"""Helpers of the scene-classification tests."""
import os
import os.path as osp

import numpy as np

from grsim_mm.datasets.raster_io import write_raster

DRIVERS = {'.tif': 'GTiff', '.png': 'PNG', '.jpg': 'JPEG'}


def write_image(path, array: np.ndarray) -> str:
    """Write an (H, W, C) array in the format of the file's extension."""
    path = str(path)
    os.makedirs(osp.dirname(path), exist_ok=True)
    array = array if array.ndim == 3 else array[..., None]
    write_raster(path, array.transpose(2, 0, 1),
                 driver=DRIVERS[osp.splitext(path)[1]])
    return path


def class_value(label: int, index: int) -> int:
    """Pixel value of image ``index`` of class ``label``; different for
    every image so that a test can tell which file was read."""
    return 10 * label + index + 1


