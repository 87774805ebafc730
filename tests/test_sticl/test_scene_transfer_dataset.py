"""SceneTransferDataset hands the key view a random image of the dataset."""
import warnings

import numpy as np
import pytest
import rasterio
from mmengine.registry import DefaultScope
from mmpretrain.registry import DATASETS
from rasterio.errors import NotGeoreferencedWarning

import grsim_mm  # noqa: F401

COLOURS = [(10, 20, 30, 40), (200, 100, 50, 25), (90, 90, 250, 0)]


@pytest.fixture
def tiles(tmp_path):
    for i, colour in enumerate(COLOURS):
        data = np.empty((4, 8, 8), np.uint8)
        data[:] = np.array(colour, np.uint8)[:, None, None]
        with warnings.catch_warnings():
            warnings.simplefilter('ignore', NotGeoreferencedWarning)
            with rasterio.open(tmp_path / f't{i}.tif',
                               'w',
                               driver='GTiff',
                               count=4,
                               height=8,
                               width=8,
                               dtype='uint8') as dst:
                dst.write(data)
    return str(tmp_path)


def build(tiles, prob=1.0, load_steps=1):
    pipeline = [
        dict(type='LoadRasterImageFromFile', num_bands=4),
        dict(type='MultiView',
             num_views=[1, 1],
             transforms=[[],
                         [
                             dict(type='OTSceneTransfer',
                                  prob=prob,
                                  num_samples=20)
                         ]]),
        dict(type='PackInputs')
    ]
    cfg = dict(type='SceneTransferDataset',
               load_steps=load_steps,
               dataset=dict(type='RSIUnlabeledDataset',
                            data_prefix=dict(img_path=tiles),
                            pipeline=pipeline))
    with DefaultScope.overwrite_default_scope('mmpretrain'):
        return DATASETS.build(cfg)


def test_key_view_takes_the_colours_of_a_random_sample(tiles):
    ds = build(tiles)
    assert len(ds) == 3
    seen = set()
    for seed in range(12):
        np.random.seed(seed)
        other = np.random.randint(3)  # the wrapper's first draw
        np.random.seed(seed)
        data = ds[1]
        query, key = (v.numpy() for v in data['inputs'])
        # inputs are CHW; constant images move as a whole onto the other
        assert (query.T == COLOURS[1]).all()
        assert (key.T == COLOURS[other]).all()
        seen.add(other)
    assert seen == {0, 1, 2}  # the sample itself may be drawn, as released


def test_load_steps_must_leave_the_views(tiles):
    with pytest.raises(ValueError, match='load_steps=3'):
        build(tiles, load_steps=3)
