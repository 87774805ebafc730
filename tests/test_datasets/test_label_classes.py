"""Index labels are checked against the class count when they are loaded,
instead of failing later inside the loss without a file name."""
import numpy as np
import pytest

from grsim_mm.datasets import RSISegDataset
from grsim_mm.datasets.transforms import LoadRasterAnnotations

CLASSES = ('water', 'forest', 'crop', 'urban', 'bare')


def load(path, **results):
    return LoadRasterAnnotations()(dict(seg_map_path=path,
                                        **results))['gt_seg_map']


def test_value_beyond_the_classes_names_file_values_and_fix(
        tmp_path, tif_writer):
    label = np.array([[0, 4, 7], [255, 7, 9]], np.uint8)
    path = tif_writer(tmp_path / 'lbl_3.tif', label)
    with pytest.raises(ValueError) as error:
        load(path, num_classes=5)
    message = str(error.value)
    assert path in message
    assert '7 (2 px)' in message and '9 (1 px)' in message
    assert '5 classes' in message and '255' in message
    assert 'reduce_zero_label' in message  # the usual fixes are named
    # without a class count (a pipeline outside a dataset) nothing is checked
    np.testing.assert_array_equal(load(path), label)


def test_ignore_index_and_the_last_class_pass(tmp_path, tif_writer):
    label = np.array([[0, 4], [255, 2]], np.uint8)
    path = tif_writer(tmp_path / 'ok.tif', label)
    np.testing.assert_array_equal(load(path, num_classes=5), label)


def test_checked_after_reduce_zero_label(tmp_path, tif_writer):
    # LoveDA-style labels: 0 is no-data, 1..5 the classes
    path = tif_writer(tmp_path / 'z.tif', np.array([[0, 1, 5]], np.uint8))
    np.testing.assert_array_equal(
        load(path, num_classes=5, reduce_zero_label=True), [[255, 0, 4]])
    # forgetting reduce_zero_label leaves class value 5 out of range
    with pytest.raises(ValueError, match=r'z\.tif(.|\n)*5 \(1 px\)'):
        load(path, num_classes=5)


def test_dataset_passes_its_class_count(tmp_path, tif_writer):
    (tmp_path / 'img').mkdir()
    (tmp_path / 'lbl').mkdir()
    tif_writer(tmp_path / 'img' / 'a.tif', np.zeros((3, 2, 3), np.uint8))
    tif_writer(tmp_path / 'lbl' / 'a.tif',
               np.array([[0, 1, 2], [3, 4, 7]], np.uint8))
    dataset = RSISegDataset(
        data_root=str(tmp_path),
        data_prefix=dict(img_path='img', seg_map_path='lbl'),
        metainfo=dict(classes=CLASSES),
        class_dict=None,
        pipeline=[dict(type='LoadRasterImageFromFile'),
                  dict(type='LoadRasterAnnotations')])
    assert dataset.get_data_info(0)['num_classes'] == 5
    with pytest.raises(ValueError, match=r'lbl/a\.tif(.|\n)*7 \(1 px\)'):
        dataset[0]
