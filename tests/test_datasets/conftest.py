"""Helpers for the data-layer tests: tiny rasters written into tmp_path."""
import warnings

import numpy as np
import pytest
import rasterio
from rasterio.errors import NotGeoreferencedWarning


def write_tif(path, array: np.ndarray, **profile) -> str:
    """Write a (C, H, W) or (H, W) array as GeoTIFF; extra keys go to the
    rasterio profile (crs, transform, nodata, ...)."""
    if array.ndim == 2:
        array = array[None]
    full = dict(
        driver='GTiff',
        count=array.shape[0],
        height=array.shape[1],
        width=array.shape[2],
        dtype=array.dtype.name)
    full.update(profile)
    with warnings.catch_warnings():
        warnings.simplefilter('ignore', NotGeoreferencedWarning)
        with rasterio.open(str(path), 'w', **full) as dst:
            dst.write(array)
    return str(path)


@pytest.fixture(autouse=True)
def seg_scope():
    """Build pipelines in the mmseg scope, as a segmentation runner would;
    restored afterwards so no other test sees it."""
    import grsim_mm  # noqa: F401  (registers the components)
    from mmengine.registry import DefaultScope
    with DefaultScope.overwrite_default_scope('mmseg'):
        yield


@pytest.fixture
def tif_writer():
    return write_tif


@pytest.fixture(scope='module')
def demo_root(tmp_path_factory) -> str:
    """A small demo dataset (3 train scenes, 1 val scene of 256 px)."""
    from grsim_mm.datasets.demo import make_demo_dataset
    root = tmp_path_factory.mktemp('demo')
    make_demo_dataset(
        str(root),
        num_train_scenes=3,
        num_val_scenes=1,
        scene_size=256,
        tile_size=64,
        min_tiles=4)
    return str(root)
