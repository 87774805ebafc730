"""tools/predict.py reads the bands the config's loader reads: a model
trained on bands [0, 1, 2] of 4-band files predicts without --bands."""
import copy

import numpy as np
import pytest
import rasterio
import torch
from inference_helpers import (load_predict_tool, random_scene,
                               tiny_resnet_segmentor, write_scene)

from grsim_mm.apis import predict_scene


@pytest.fixture(scope='module')
def rgb_model():
    return tiny_resnet_segmentor(in_channels=3)


def save(model, tmp_path, dataset=None, pipeline=None):
    """The model's config with band facts in its test dataset (and loader),
    and a checkpoint."""
    cfg = copy.deepcopy(model.cfg)
    cfg.test_dataloader.dataset.update(dataset or {})
    if pipeline is not None:
        cfg.test_dataloader.dataset.pipeline = pipeline
    config = str(tmp_path / 'config.py')
    cfg.dump(config)
    checkpoint = str(tmp_path / 'model.pth')
    torch.save(dict(state_dict=model.state_dict()), checkpoint)
    return config, checkpoint


def predict(tool, config, checkpoint, scene, out, *extra):
    tool.main([config, checkpoint, scene, '--out', str(out), '--window', '32',
               '--overlap', '8', '--device', 'cpu', *extra])
    with rasterio.open(out) as dst:
        return dst.read(1)


def expected(model, scene, tmp_path, bands):
    out = str(tmp_path / f'expected_{"".join(map(str, bands))}.tif')
    predict_scene(model, scene, out, window=32, overlap=8, bands=bands,
                  overwrite=True, progress=False)
    with rasterio.open(out) as dst:
        return dst.read(1)


def test_bands_of_the_dataset_setting(tmp_path, rgb_model):
    scene = write_scene(tmp_path / 'four.tif', random_scene(40, 40, bands=4))
    config, checkpoint = save(rgb_model, tmp_path,
                              dict(bands=[0, 1, 2], num_bands=4))
    tool = load_predict_tool()
    labels = predict(tool, config, checkpoint, scene, tmp_path / 'a.tif')
    np.testing.assert_array_equal(
        labels, expected(rgb_model, scene, tmp_path, [0, 1, 2]))
    # --bands still overrides the config
    labels = predict(tool, config, checkpoint, scene, tmp_path / 'b.tif',
                     '--bands', '3', '1', '0')
    np.testing.assert_array_equal(
        labels, expected(rgb_model, scene, tmp_path, [3, 1, 0]))
    assert not np.array_equal(
        labels, expected(rgb_model, scene, tmp_path, [0, 1, 2]))


def test_bands_of_the_loader_win_over_the_dataset(tmp_path, rgb_model):
    scene = write_scene(tmp_path / 'four.tif', random_scene(40, 40, bands=4))
    config, checkpoint = save(
        rgb_model, tmp_path, dict(bands=[0, 1, 2]),
        pipeline=[dict(type='LoadRasterImageFromFile', bands=[2, 1, 0])])
    labels = predict(load_predict_tool(), config, checkpoint, scene,
                     tmp_path / 'a.tif')
    np.testing.assert_array_equal(
        labels, expected(rgb_model, scene, tmp_path, [2, 1, 0]))


def test_bands_that_do_not_fit_the_model(tmp_path, rgb_model):
    scene = write_scene(tmp_path / 'four.tif', random_scene(40, 40, bands=4))
    config, checkpoint = save(rgb_model, tmp_path, dict(bands=[0, 1]))
    tool = load_predict_tool()
    with pytest.raises(ValueError, match=r'config\.py(.|\n)*\[0, 1\](.|\n)*'
                       r'takes 3'):
        predict(tool, config, checkpoint, scene, tmp_path / 'a.tif')
    with pytest.raises(ValueError, match=r'--bands \[0, 1, 2, 3\](.|\n)*'
                       r'takes 3'):
        predict(tool, config, checkpoint, scene, tmp_path / 'a.tif',
                '--bands', '0', '1', '2', '3')


def test_scene_with_another_band_count_than_the_setting(tmp_path, rgb_model):
    scene = write_scene(tmp_path / 'five.tif', random_scene(40, 40, bands=5))
    config, checkpoint = save(rgb_model, tmp_path,
                              dict(bands=[0, 1, 2], num_bands=4))
    tool = load_predict_tool()
    with pytest.raises(ValueError, match=r'five\.tif has 5 bands(.|\n)*'
                       r'num_bands=4(.|\n)*--bands'):
        predict(tool, config, checkpoint, scene, tmp_path / 'a.tif')
    labels = predict(tool, config, checkpoint, scene, tmp_path / 'a.tif',
                     '--bands', '0', '1', '2')
    np.testing.assert_array_equal(
        labels, expected(rgb_model, scene, tmp_path, [0, 1, 2]))
