"""tools/predict.py end to end: a folder of scenes, outputs, --overwrite."""
import os.path as osp

import numpy as np
import pytest
import rasterio
import torch
from inference_helpers import (load_predict_tool, random_scene,
                               tiny_resnet_segmentor, write_scene)

from grsim_mm.apis import predict_scene, read_class_names

CLASSES = ('road', 'roof', 'grass')
PALETTE = [[10, 20, 30], [40, 50, 60], [70, 80, 90]]


@pytest.fixture
def model_files(tmp_path):
    """A dumped config and a checkpoint carrying its dataset_meta."""
    model = tiny_resnet_segmentor()
    config = str(tmp_path / 'config.py')
    model.cfg.dump(config)
    checkpoint = str(tmp_path / 'model.pth')
    torch.save(
        dict(state_dict=model.state_dict(),
             meta=dict(dataset_meta=dict(classes=CLASSES, palette=PALETTE))),
        checkpoint)
    return model, config, checkpoint


def test_folder_of_scenes(tmp_path, model_files, capsys):
    model, config, checkpoint = model_files
    scenes = tmp_path / 'scenes'
    scenes.mkdir()
    for seed, name in enumerate(('north.tif', 'south.tif')):
        write_scene(scenes / name, random_scene(40, 50, seed=seed))
    tool = load_predict_tool()
    argv = [config, checkpoint, str(scenes), '--out', str(tmp_path / 'maps'),
            '--window', '32', '--overlap', '8', '--device', 'cpu',
            '--preview', str(tmp_path / 'previews')]
    tool.main(argv)
    for name in ('north', 'south'):
        expected = str(tmp_path / f'{name}_direct.tif')
        predict_scene(model, str(scenes / f'{name}.tif'), expected,
                      window=32, overlap=8, progress=False)
        with rasterio.open(tmp_path / 'maps' / f'{name}.tif') as dst:
            labels = dst.read(1)
            # The palette and the class names come from the checkpoint's
            # dataset_meta.
            assert dst.colormap(1)[1] == (40, 50, 60, 255)
            assert dst.tags(1)['class_2'] == 'grass'
        assert read_class_names(str(tmp_path / 'maps' / f'{name}.tif')) == \
            dict(enumerate(CLASSES))
        with rasterio.open(expected) as ref:
            np.testing.assert_array_equal(labels, ref.read(1))
        assert (tmp_path / 'previews' / f'{name}.png').exists()

    # A second run refuses before touching anything.
    stamp = osp.getmtime(tmp_path / 'maps' / 'north.tif')
    with pytest.raises(SystemExit, match='north.tif'):
        tool.main(argv)
    assert osp.getmtime(tmp_path / 'maps' / 'north.tif') == stamp
    tool.main(argv + ['--overwrite'])


def test_single_scene_and_bands(tmp_path, model_files):
    _, config, checkpoint = model_files
    scene = random_scene(40, 40, bands=5)
    in_path = write_scene(tmp_path / 'five.tif', scene)
    out = tmp_path / 'map.tif'
    tool = load_predict_tool()
    with pytest.raises(ValueError, match='5 bands'):
        tool.main([config, checkpoint, in_path, '--out', str(out),
                   '--window', '32', '--overlap', '8'])
    tool.main([config, checkpoint, in_path, '--out', str(out), '--window',
               '32', '--overlap', '8', '--bands', '0', '1', '2', '3'])
    with rasterio.open(out) as dst:
        assert dst.shape == (40, 40)
