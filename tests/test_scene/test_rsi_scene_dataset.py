"""RSISceneDataset: class folders, list files, formats, facts and errors."""
import os.path as osp

import numpy as np
import pytest
from mmpretrain.registry import DATASETS

from grsim_mm.datasets import RSISceneDataset, SCENE_PRESETS
from grsim_mm.datasets.transforms import LoadRasterImageFromFile

from scene_helpers import class_value, write_image


def build(**cfg):
    return DATASETS.build(dict(type='RSISceneDataset', **cfg))


def infos(ds):
    return [ds.get_data_info(i) for i in range(len(ds))]


def test_class_folders_three_formats(tmp_path):
    root = tmp_path / 'scenes'
    # one format per class: GeoTIFF, PNG and JPEG, 3 uint8 bands each
    for label, (name, ext) in enumerate([('beach', '.tif'), ('forest',
                                                             '.png'),
                                         ('harbor', '.jpg')]):
        for i in range(2):
            img = np.full((16, 16, 3), class_value(label, i) * 10, np.uint8)
            img[..., 1] += 1  # bands differ, so an order swap shows
            write_image(root / name / f'{name}_{i}{ext}', img)
    ds = build(data_root=str(root))
    assert ds.metainfo['classes'] == ('beach', 'forest', 'harbor')
    assert [osp.relpath(d['img_path'], root) for d in infos(ds)] == [
        'beach/beach_0.tif', 'beach/beach_1.tif', 'forest/forest_0.png',
        'forest/forest_1.png', 'harbor/harbor_0.jpg', 'harbor/harbor_1.jpg'
    ]
    assert [d['gt_label'] for d in infos(ds)] == [0, 0, 1, 1, 2, 2]
    load = LoadRasterImageFromFile(num_bands=3)
    for idx, (label, i) in enumerate([(0, 0), (0, 1), (1, 0), (1, 1),
                                      (2, 0), (2, 1)]):
        img = load(dict(img_path=ds.get_data_info(idx)['img_path']))['img']
        expected = class_value(label, i) * 10
        # the JPEG is lossy; TIFF and PNG are exact
        tol = 2 if label == 2 else 0
        assert img.shape == (16, 16, 3) and img.dtype == np.uint8
        assert np.abs(img[..., 0].astype(int) - expected).max() <= tol
        assert np.abs(img[..., 1].astype(int) - expected - 1).max() <= tol


def test_thirteen_band_geotiff_with_preset(tmp_path):
    classes = SCENE_PRESETS['eurosat-ms']['classes']
    root = tmp_path / 'euro'
    for label, name in enumerate(classes):
        img = np.zeros((8, 8, 13), np.uint16)
        img[:] = 1000 * label + np.arange(13, dtype=np.uint16)
        write_image(root / name / f'{name}_1.tif', img)
    ds = build(data_root=str(root), preset='eurosat-ms')
    info = ds.get_data_info(3)
    assert info['gt_label'] == 3
    assert info['num_bands'] == 13 and info['bands'] is None
    assert info['value_range'] == (0.0, 10000.0)
    assert info['band_names'][8:] == ('B09', 'B10', 'B11', 'B12', 'B8A')
    assert ds.metainfo['band_names'] == info['band_names']
    img = LoadRasterImageFromFile(num_bands=13)(dict(
        img_path=info['img_path']))['img']
    assert img.dtype == np.uint16
    np.testing.assert_array_equal(img[2, 5], 3000 + np.arange(13))

    rgb = build(data_root=str(root), preset='eurosat-ms', bands=[3, 2, 1])
    info = rgb.get_data_info(0)
    assert info['bands'] == [3, 2, 1] and info['num_bands'] is None
    assert info['band_names'] == ('B04', 'B03', 'B02')


def test_ann_file_with_labels_and_class_file(tmp_path, scene_folder):
    root = scene_folder(classes=('x', 'y'), per_class=2)
    (tmp_path / 'scenes' / 'classes.txt').write_text('y\nx\n')
    (tmp_path / 'scenes' / 'train.txt').write_text(
        'y/y_1.tif 0\nx/x_0.tif 1\n')
    ds = build(data_root=root, ann_file='train.txt', classes='classes.txt')
    assert ds.metainfo['classes'] == ('y', 'x')
    assert [(osp.relpath(d['img_path'], root), d['gt_label'])
            for d in infos(ds)] == [('y/y_1.tif', 0), ('x/x_0.tif', 1)]


def test_ann_file_with_class_folders(tmp_path, scene_folder):
    root = scene_folder(classes=('x', 'y'), per_class=2)
    (tmp_path / 'scenes' / 'list.txt').write_text('y/y_0.tif\nx/x_1.tif\n')
    ds = build(data_root=root, ann_file='list.txt')
    assert ds.metainfo['classes'] == ('x', 'y')
    assert [d['gt_label'] for d in infos(ds)] == [1, 0]
    # given names decide the label order
    ds = build(data_root=root, ann_file='list.txt', classes=['y', 'x'])
    assert [d['gt_label'] for d in infos(ds)] == [0, 1]


def test_facts_in_every_sample(scene_folder):
    root = scene_folder(bands=4)
    ds = build(data_root=root, num_bands=4, bands=[3, 0],
               value_range=(0, 200), band_names=['NIR', 'R'])
    for info in infos(ds):
        assert (info['num_bands'], info['bands'], info['value_range'],
                info['band_names']) == (4, [3, 0], (0.0, 200.0),
                                        ('NIR', 'R'))
    assert ds.metainfo['value_range'] == (0.0, 200.0)


def test_pipeline_output(scene_folder):
    root = scene_folder(classes=('a', 'b'), per_class=1, bands=13,
                        dtype=np.uint16)
    ds = build(data_root=root, num_bands=13,
               pipeline=[dict(type='LoadRasterImageFromFile', num_bands=13),
                         dict(type='PackInputs')])
    sample = ds[1]
    assert sample['inputs'].shape == (13, 8, 8)
    assert int(sample['inputs'][0, 0, 0]) == class_value(1, 0)
    assert int(sample['data_samples'].gt_label) == 1


# ---------------------------------------------------------------- errors


def test_empty_class_folder(tmp_path, scene_folder):
    root = scene_folder()
    (tmp_path / 'scenes' / 'zebra').mkdir()
    (tmp_path / 'scenes' / 'zebra' / 'notes.txt').write_text('no image')
    with pytest.raises(ValueError, match=r'zebra: empty class folder'):
        build(data_root=root)


def test_wrong_band_count_names_the_file(tmp_path, scene_folder):
    root = scene_folder(bands=13, dtype=np.uint16)
    write_image(tmp_path / 'scenes' / 'b' / 'odd.tif',
                np.zeros((8, 8, 12), np.uint16))
    with pytest.raises(ValueError, match=r'odd.tif: has 12 bands, but the '
                       'dataset expects 13'):
        build(data_root=root, num_bands=13)
    # without num_bands the mixed layout is still refused
    with pytest.raises(ValueError, match='differ in band count'):
        build(data_root=root)


def test_corrupt_file_names_the_file(tmp_path, scene_folder):
    root = scene_folder()
    (tmp_path / 'scenes' / 'a' / 'broken.tif').write_bytes(b'\0junk' * 40)
    with pytest.raises(OSError, match=r'broken.tif: not a readable raster'):
        build(data_root=root)


@pytest.mark.parametrize('ext', ['.tif', '.png', '.jpg'])
def test_truncated_file_names_the_file(tmp_path, scene_folder, ext):
    root = scene_folder(ext=ext, size=64)
    rng = np.random.default_rng(0)
    path = write_image(tmp_path / 'scenes' / 'b' / f'cut{ext}',
                       rng.integers(0, 256, (64, 64, 3), dtype=np.uint8))
    with open(path, 'rb') as f:
        content = f.read()
    with open(path, 'wb') as f:
        f.write(content[:len(content) // 2])
    # caught when the dataset is built with the full check ...
    with pytest.raises(OSError, match=f'cut{ext}'):
        build(data_root=root, check_files='full')
    # ... and always when the sample is loaded
    ds = build(data_root=root, check_files='exists',
               pipeline=[dict(type='LoadRasterImageFromFile')])
    index = [osp.basename(d['img_path']) for d in infos(ds)].index(
        f'cut{ext}')
    with pytest.raises(OSError, match=f'cut{ext}'):
        ds.prepare_data(index)


def test_image_outside_class_folders(tmp_path, scene_folder):
    root = scene_folder()
    write_image(tmp_path / 'scenes' / 'loose.tif', np.zeros((8, 8, 3),
                                                             np.uint8))
    with pytest.raises(ValueError, match='loose.tif: image outside any '
                       'class folder'):
        build(data_root=root)


def test_folders_must_match_given_classes(scene_folder):
    root = scene_folder(classes=('a', 'b'))
    with pytest.raises(ValueError, match=r"missing folders \['c'\]"):
        build(data_root=root, classes=['a', 'b', 'c'])


def test_missing_listed_file(tmp_path, scene_folder):
    root = scene_folder()
    (tmp_path / 'scenes' / 'l.txt').write_text('a/a_0.tif 0\na/gone.tif 0\n')
    with pytest.raises(FileNotFoundError, match='gone.tif: file listed by'):
        build(data_root=root, ann_file='l.txt', classes=['a', 'b', 'c'])


def test_ann_file_errors(tmp_path, scene_folder):
    root = scene_folder()
    ann = tmp_path / 'scenes' / 'l.txt'
    ann.write_text('a/a_0.tif 0\nb/b_0.tif 7\n')
    with pytest.raises(ValueError, match='line 2 has label 7'):
        build(data_root=root, ann_file='l.txt', classes=['a', 'b', 'c'])
    with pytest.raises(ValueError, match='no class names are known'):
        build(data_root=root, ann_file='l.txt')
    ann.write_text('a/a_0.tif 0\nb/b_0.tif\n')
    with pytest.raises(ValueError, match='some lines have a label'):
        build(data_root=root, ann_file='l.txt', classes=['a', 'b', 'c'])


def test_band_fact_errors(scene_folder):
    root = scene_folder()
    with pytest.raises(ValueError, match='2 band_names for 3 bands'):
        build(data_root=root, num_bands=3, band_names=['R', 'G'])
    with pytest.raises(ValueError, match=r'bands \[3\] do not exist'):
        build(data_root=root, num_bands=3, bands=[3])
    with pytest.raises(ValueError, match='low < high'):
        build(data_root=root, value_range=(5, 5))
    with pytest.raises(ValueError, match="check_files must be one of"):
        build(data_root=root, check_files='quick')


def test_registered_and_exported():
    assert DATASETS.get('RSISceneDataset') is RSISceneDataset
