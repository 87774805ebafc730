"""RSISegVisualizationHook honours the dataset's band selection."""
import os.path as osp
from types import SimpleNamespace

import numpy as np
import pytest
import rasterio
import torch
from mmengine.logging import MessageHub
from mmengine.structures import PixelData
from mmseg.structures import SegDataSample
from mmseg.visualization import SegLocalVisualizer
from PIL import Image

from grsim_mm.engine.hooks import RSISegVisualizationHook
from grsim_mm.visualization import RSISegLocalVisualizer

CLASSES = ('a', 'b', 'c')
PALETTE = [[255, 0, 0], [0, 255, 0], [0, 0, 255]]


@pytest.fixture
def four_band_tile(tmp_path):
    rng = np.random.default_rng(0)
    data = rng.integers(0, 256, (4, 24, 20)).astype(np.uint8)
    data[3] = np.linspace(20, 200, 24 * 20).reshape(24, 20)  # NIR
    path = str(tmp_path / 'tile.tif')
    with rasterio.open(path, 'w', driver='GTiff', width=20, height=24,
                       count=4, dtype='uint8') as dst:
        dst.write(data)
    return path, data


def make_output(path, bands):
    rng = np.random.default_rng(1)
    sample = SegDataSample(metainfo=dict(img_path=path, bands=bands))
    for key in ('gt_sem_seg', 'pred_sem_seg'):
        labels = torch.from_numpy(rng.integers(0, 3, (1, 24, 20)))
        sample.set_data({key: PixelData(data=labels)})
    return sample


def fake_runner(tmp_path, iteration=None):
    """What the hook uses of a Runner: the run directory and the hub (a
    test run has no training iteration)."""
    hub = MessageHub.get_instance(f'hook_test_{tmp_path.name}')
    if iteration is not None:
        hub.update_info('iter', iteration)
    return SimpleNamespace(log_dir=str(tmp_path), message_hub=hub)


def stretched(band):
    lo, hi = np.percentile(band.astype(np.float64), (2, 98))
    return np.clip(np.round((band - lo) * 255 / (hi - lo)), 0,
                   255).astype(np.uint8)


def test_test_overlay_shows_the_bands_the_model_read(tmp_path,
                                                      four_band_tile):
    path, data = four_band_tile
    visualizer = RSISegLocalVisualizer.get_instance(
        'hook_bands', save_dir=str(tmp_path / 'vis'), alpha=0.5)
    # the dataset reads NIR, R, G: false colour, no band named blue
    visualizer.dataset_meta = dict(classes=CLASSES, palette=PALETTE,
                                   band_names=('nir', 'red', 'green'))
    hook = RSISegVisualizationHook(draw=True, interval=1,
                                   test_out_dir=str(tmp_path / 'painted'))
    output = make_output(path, [3, 0, 1])
    runner = fake_runner(tmp_path)
    batch = dict(inputs=[torch.from_numpy(data[[3, 0, 1]])])
    hook.after_test_iter(runner, 0, batch, [output])

    painted = np.asarray(Image.open(tmp_path / 'painted' / 'tile.png'))
    display = np.stack([stretched(data[b]) for b in (3, 0, 1)], axis=-1)
    reference = SegLocalVisualizer(name='hook_bands_reference', alpha=0.5)
    reference.set_dataset_meta(CLASSES, PALETTE)
    reference.add_datasample('x', display, output, draw_pred=False)
    np.testing.assert_array_equal(painted[:, :20], reference.get_image())


def test_missing_band_selection_is_an_error(tmp_path, four_band_tile):
    path, data = four_band_tile
    RSISegLocalVisualizer.get_instance('hook_missing')
    hook = RSISegVisualizationHook(draw=True, interval=1)
    output = make_output(path, None)  # meta_keys without 'bands'
    batch = dict(inputs=[torch.from_numpy(data[:3])])
    runner = fake_runner(tmp_path)
    with pytest.raises(ValueError, match=r'tile.tif: 4 bands read for '
                       r'display, but the model input has 3'):
        hook.after_val_iter(runner, 0, batch, [output])


def test_validation_images_go_to_the_backends(tmp_path, four_band_tile):
    path, data = four_band_tile
    visualizer = RSISegLocalVisualizer.get_instance(
        'hook_val', vis_backends=[dict(type='LocalVisBackend')],
        save_dir=str(tmp_path))
    visualizer.dataset_meta = dict(classes=CLASSES, palette=PALETTE)
    hook = RSISegVisualizationHook(draw=True, interval=1,
                                   test_out_dir='painted')
    runner = fake_runner(tmp_path, iteration=7)
    hook.after_val_iter(runner, 0, dict(inputs=[torch.from_numpy(data)]),
                        [make_output(path, None)])
    image = tmp_path / 'vis_data' / 'vis_image' / 'val_tile.tif_7.png'
    assert np.asarray(Image.open(image)).shape == (24, 40, 3)
    assert not osp.exists(tmp_path / 'painted')  # only tests go there
