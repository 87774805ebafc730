import os
import os.path as osp

import numpy as np
import pytest

from grsim_mm.datasets import RSISegDataset, get_preset, read_class_dict
from grsim_mm.datasets.transforms import (LoadRasterAnnotations,
                                          LoadRasterImageFromFile)

PIPELINE = [
    dict(type='LoadRasterImageFromFile', num_bands=4),
    dict(type='LoadRasterAnnotations'),
]


def test_reference_layout_split_and_lists(demo_root):
    ds = RSISegDataset(
        data_root=demo_root, split='trainR10', pipeline=PIPELINE)
    names = open(osp.join(demo_root, 'trainR10_RGBIR.txt')).read().split()
    assert len(ds) == len(names) == 5
    info = ds.get_data_info(0)
    assert info['img_path'] == osp.join(demo_root, 'train_RGBIR',
                                        sorted(names)[0])
    assert info['seg_map_path'] == osp.join(demo_root, 'train_lbl',
                                            sorted(names)[0])
    assert ds.metainfo['classes'] == get_preset('demo')['classes']
    val = RSISegDataset(data_root=demo_root, split='val', pipeline=PIPELINE)
    assert len(val) == 16
    assert all('/val_RGBIR/' in val.get_data_info(i)['img_path']
               for i in range(len(val)))


def test_sample_decodes_colour_label(demo_root):
    ds = RSISegDataset(data_root=demo_root, split='val', pipeline=PIPELINE)
    results = ds[0]
    assert results['img'].shape == (64, 64, 4)
    assert results['img'].dtype == np.uint8
    gt = results['gt_seg_map']
    import rasterio
    with rasterio.open(results['seg_map_path']) as src:
        rgb = src.read().transpose(1, 2, 0)
    expected = np.full(gt.shape, 255, np.uint8)
    for idx, colour in enumerate(ds.metainfo['palette']):
        expected[np.all(rgb == colour, axis=-1)] = idx
    np.testing.assert_array_equal(gt, expected)
    assert gt.max() < 5


def test_list_dir_elsewhere(demo_root, tmp_path):
    with open(osp.join(demo_root, 'trainR1_RGBIR.txt')) as f:
        names = f.read().split()
    (tmp_path / 'trainSmall_RGBIR.txt').write_text(names[0] + '\n')
    ds = RSISegDataset(
        data_root=demo_root,
        list_dir=str(tmp_path),
        split='trainSmall',
        pipeline=PIPELINE)
    assert len(ds) == 1


def test_empty_list_is_an_error(demo_root, tmp_path):
    (tmp_path / 'trainEmpty_RGBIR.txt').write_text('\n')
    with pytest.raises(ValueError, match='trainEmpty_RGBIR.txt: list file '
                       'is empty'):
        RSISegDataset(
            data_root=demo_root, list_dir=str(tmp_path), split='trainEmpty')


def test_missing_listed_file_is_an_error(demo_root, tmp_path):
    (tmp_path / 'trainBad_RGBIR.txt').write_text('ghost_RGBIR__1.tif\n')
    with pytest.raises(
            FileNotFoundError,
            match=r'train_RGBIR/ghost_RGBIR__1.tif: file listed by '
            r'.*trainBad_RGBIR.txt does not exist'):
        RSISegDataset(
            data_root=demo_root, list_dir=str(tmp_path), split='trainBad')


def test_label_list_must_match_image_list(demo_root, tmp_path):
    (tmp_path / 'trainX_RGBIR.txt').write_text('a.tif\n')
    (tmp_path / 'trainX_lbl.txt').write_text('b.tif\n')
    with pytest.raises(ValueError, match='trainX_lbl.txt: label list'):
        RSISegDataset(
            data_root=demo_root, list_dir=str(tmp_path), split='trainX')


def test_split_name_without_folder(demo_root):
    with pytest.raises(ValueError, match="'test'.*neither 'train' nor"):
        RSISegDataset(data_root=demo_root, split='test')


def test_class_dict_crlf_header_bgr_order(tmp_path):
    path = tmp_path / 'class_dict.txt'
    # the header says B,G,R: the values are read in that order
    path.write_bytes('Class Name,B,G,R\r\n0,0,0,0\r\n树木,0,255,0\r\n'
                     'building,0,0,255'.encode('utf-8'))
    meta = read_class_dict(str(path))
    assert meta['classes'] == ('0', '树木', 'building')
    assert meta['palette'] == [[0, 0, 0], [0, 255, 0], [255, 0, 0]]
    path.write_text('name,r,g,b\nx,1,2\n')
    with pytest.raises(ValueError, match='line 2 is not'):
        read_class_dict(str(path))
    path.write_text('name,r,g,b\n')
    with pytest.raises(ValueError, match='has no classes'):
        read_class_dict(str(path))


def test_class_dict_used_without_preset(demo_root):
    ds = RSISegDataset(data_root=demo_root, split='trainR1')
    assert ds.metainfo['classes'] == get_preset('demo')['classes']
    assert [list(c) for c in ds.label_colours] == get_preset('demo')['palette']
    ds = RSISegDataset(
        data_root=demo_root, split='trainR1', preset='potsdam-rgbir')
    assert len(ds.metainfo['classes']) == 6


def _write_mmseg_layout(root, tif_writer, n=3, label_size=8):
    os.makedirs(root / 'img_dir' / 'train')
    os.makedirs(root / 'ann_dir' / 'train')
    rng = np.random.default_rng(0)
    labels = []
    for i in range(n):
        tif_writer(root / 'img_dir' / 'train' / f'{i}.tif',
                   rng.integers(0, 255, (3, 8, 8), dtype=np.uint8))
        label = rng.integers(0, 3, (1, label_size, 8), dtype=np.uint8)
        tif_writer(root / 'ann_dir' / 'train' / f'{i}.tif', label)
        labels.append(label[0])
    return labels


def test_mmseg_layout_with_index_labels(tmp_path, tif_writer):
    labels = _write_mmseg_layout(tmp_path, tif_writer)
    ds = RSISegDataset(
        data_root=str(tmp_path),
        data_prefix=dict(
            img_path='img_dir/train', seg_map_path='ann_dir/train'),
        metainfo=dict(classes=('a', 'b', 'c')),
        class_dict=None,
        pipeline=[
            dict(type='LoadRasterImageFromFile', num_bands=3),
            dict(type='LoadRasterAnnotations')
        ])
    assert len(ds) == 3
    for i in range(3):
        np.testing.assert_array_equal(ds[i]['gt_seg_map'], labels[i])


def test_mmseg_layout_size_mismatch_names_files(tmp_path, tif_writer):
    _write_mmseg_layout(tmp_path, tif_writer, n=1, label_size=7)
    ds = RSISegDataset(
        data_root=str(tmp_path),
        data_prefix=dict(
            img_path='img_dir/train', seg_map_path='ann_dir/train'),
        preset='loveda',
        pipeline=[
            LoadRasterImageFromFile(),
            LoadRasterAnnotations(),
        ])
    with pytest.raises(ValueError, match=r'ann_dir/train/0.tif: label size '
                       r'\(7, 8\) differs .*img_dir/train/0.tif'):
        ds[0]


def test_mmseg_layout_missing_label(tmp_path, tif_writer):
    _write_mmseg_layout(tmp_path, tif_writer, n=2)
    os.remove(tmp_path / 'ann_dir' / 'train' / '1.tif')
    with pytest.raises(FileNotFoundError, match='ann_dir/train/1.tif'):
        RSISegDataset(
            data_root=str(tmp_path),
            data_prefix=dict(
                img_path='img_dir/train', seg_map_path='ann_dir/train'),
            preset='loveda')


def test_mmseg_layout_empty_folder(tmp_path):
    os.makedirs(tmp_path / 'img_dir')
    with pytest.raises(ValueError, match='img_dir: no .tif images found'):
        RSISegDataset(
            data_root=str(tmp_path),
            data_prefix=dict(img_path='img_dir', seg_map_path='img_dir'),
            preset='loveda')


def test_band_count_mismatch_through_dataset(demo_root):
    ds = RSISegDataset(
        data_root=demo_root,
        split='trainR1',
        pipeline=[dict(type='LoadRasterImageFromFile', num_bands=3)])
    with pytest.raises(ValueError, match=r'train_RGBIR/demo_s0\d_RGBIR__\d+'
                       r'.tif: has 4 bands, but the config expects 3'):
        ds[0]
