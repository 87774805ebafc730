"""tools/test.py on 13-band uint16 tiles: --show-dir overlays in the run
directory, georeferenced --out class maps, the saved confusion matrix."""
import glob
import os.path as osp

import numpy as np
import pytest
import rasterio
import torch
from s2_tiles import CLASSES, CRS_UTM, PALETTE, TILES
from mmengine.dataset import pseudo_collate
from mmengine.structures import PixelData
from mmseg.apis import init_model
from mmseg.registry import DATASETS
from mmseg.structures import SegDataSample
from mmseg.visualization import SegLocalVisualizer
from PIL import Image
from sklearn.metrics import confusion_matrix

from grsim_mm.apis import read_class_names
from grsim_mm.cli import test as test_cli
from grsim_mm.evaluation.metrics.confusion_files import read_confusion_csv


def expected_display(img_path):
    """Bands red, green, blue (3, 2, 1) of the file, each stretched between
    its 2nd and 98th percentile over the pixels that are not nodata."""
    with rasterio.open(img_path) as src:
        data = src.read().astype(np.float64)
    valid = (data != 0).any(axis=0)
    out = np.zeros(data.shape[1:] + (3, ), np.uint8)
    for channel, band in enumerate((3, 2, 1)):
        lo, hi = np.percentile(data[band][valid], (2, 98))
        scaled = np.clip(np.round((data[band] - lo) * 255 / (hi - lo)), 0,
                         255)
        out[..., channel] = np.where(valid, scaled, 0)
    return out


def predictions(config, checkpoint):
    """Predicted and true labels per tile, by an independent pass."""
    model = init_model(config, checkpoint, device='cpu')
    dataset = DATASETS.build(model.cfg.test_dataloader.dataset)
    out = {}
    with torch.no_grad():
        for i in range(len(dataset)):
            sample = model.test_step(pseudo_collate([dataset[i]]))[0]
            name = osp.splitext(osp.basename(sample.img_path))[0]
            out[name] = (sample.pred_sem_seg.data[0].numpy(),
                         sample.gt_sem_seg.data[0].numpy())
    return out


@pytest.fixture(scope='module')
def test_run(s2_config, s2_checkpoint, tmp_path_factory):
    tmp = tmp_path_factory.mktemp('run')
    work_dir, out_dir = str(tmp / 'work'), str(tmp / 'maps')
    test_cli.main([s2_config, s2_checkpoint, '--work-dir', work_dir,
                   '--show-dir', 'painted', '--out', out_dir])
    run_dir, = glob.glob(osp.join(work_dir, '2*_*'))
    return run_dir, out_dir, predictions(s2_config, s2_checkpoint)


def test_show_dir_paints_13_band_tiles_in_the_run_dir(test_run, s2_dataset):
    run_dir, _, preds = test_run
    painted = sorted(glob.glob(osp.join(run_dir, 'painted', '*.png')))
    assert [osp.basename(p) for p in painted] == [
        f'{name}.png' for name in sorted(TILES)]
    visualizer = SegLocalVisualizer(name='expected_overlay', alpha=0.8)
    visualizer.set_dataset_meta(CLASSES, PALETTE)
    for path in painted:
        name = osp.splitext(osp.basename(path))[0]
        pred, gt = preds[name]
        sample = SegDataSample()
        sample.gt_sem_seg = PixelData(data=torch.from_numpy(gt)[None])
        sample.pred_sem_seg = PixelData(data=torch.from_numpy(pred)[None])
        display = expected_display(osp.join(s2_dataset, 'img',
                                            f'{name}.tif'))
        halves = []
        for gt_side in (True, False):  # label left, prediction right
            visualizer.add_datasample(name, display, sample,
                                      draw_gt=gt_side, draw_pred=not gt_side)
            halves.append(visualizer.get_image())
        np.testing.assert_array_equal(
            np.asarray(Image.open(path).convert('RGB')),
            np.concatenate(halves, axis=1))


def test_out_writes_georeferenced_class_maps(test_run, s2_dataset):
    _, out_dir, preds = test_run
    for name, transform in TILES.items():
        pred = preds[name][0]
        if transform is None:
            # no georeference: a plain map of class indices
            labels = np.asarray(Image.open(osp.join(out_dir, f'{name}.png')))
            np.testing.assert_array_equal(labels, pred)
            continue
        path = osp.join(out_dir, f'{name}.tif')
        with rasterio.open(path) as src:
            assert src.crs == CRS_UTM and src.transform == transform
            assert src.dtypes == ('uint8', ) and src.nodata == 255
            np.testing.assert_array_equal(src.read(1), pred)
            colormap = src.colormap(1)
        for i, colour in enumerate(PALETTE):
            assert colormap[i] == (*colour, 255)
        assert read_class_names(path) == dict(enumerate(CLASSES))


def test_confusion_matrix_is_saved_with_class_names(test_run):
    run_dir, _, preds = test_run
    matrix, names = read_confusion_csv(
        osp.join(run_dir, 'seg_confusion_matrix.csv'))
    assert names == list(CLASSES)
    y_pred = np.concatenate([p.ravel() for p, _ in preds.values()])
    y_true = np.concatenate([t.ravel() for _, t in preds.values()])
    keep = y_true != 255
    np.testing.assert_array_equal(
        matrix, confusion_matrix(y_true[keep], y_pred[keep],
                                 labels=range(len(CLASSES))))
    with open(osp.join(run_dir, 'seg_confusion_matrix.png'), 'rb') as f:
        assert f.read(8) == b'\x89PNG\r\n\x1a\n'
    with open(osp.join(run_dir, 'seg_per_class.csv')) as f:
        assert f.readline().startswith('class,support,IoU,')

