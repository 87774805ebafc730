import os.path as osp

import numpy as np
import pytest

from grsim_mm.datasets import RSIUnlabeledDataset

PIPELINE = [dict(type='LoadRasterImageFromFile', num_bands=4)]


def test_tiles_from_reference_list(demo_root):
    ds = RSIUnlabeledDataset(
        data_root=demo_root, split='train', pipeline=PIPELINE)
    names = open(osp.join(demo_root, 'train_RGBIR.txt')).read().split()
    assert len(ds) == len(names) == 48
    sample = ds[0]
    assert sample['img_path'] == osp.join(demo_root, 'train_RGBIR',
                                          sorted(names)[0])
    assert sample['img'].shape == (64, 64, 4)


def test_tiles_from_ann_file_and_folder(demo_root, tmp_path):
    (tmp_path / 'few.txt').write_text('demo_s01_RGBIR__2.tif\n'
                                      'demo_s01_RGBIR__1.tif\n')
    ds = RSIUnlabeledDataset(
        ann_file=str(tmp_path / 'few.txt'),
        data_prefix=dict(img_path=osp.join(demo_root, 'train_RGBIR')))
    assert [osp.basename(ds.get_data_info(i)['img_path'])
            for i in range(2)] == ['demo_s01_RGBIR__1.tif',
                                   'demo_s01_RGBIR__2.tif']
    ds = RSIUnlabeledDataset(
        data_prefix=dict(img_path=osp.join(demo_root, 'val_RGBIR')))
    assert len(ds) == 16


def test_empty_and_missing(demo_root, tmp_path):
    (tmp_path / 'empty.txt').write_text('')
    with pytest.raises(ValueError, match='empty.txt: list file is empty'):
        RSIUnlabeledDataset(ann_file=str(tmp_path / 'empty.txt'))
    (tmp_path / 'ghost.txt').write_text('ghost.tif\n')
    with pytest.raises(FileNotFoundError,
                       match='ghost.tif: file listed by .*ghost.txt'):
        RSIUnlabeledDataset(
            ann_file=str(tmp_path / 'ghost.txt'),
            data_prefix=dict(img_path=str(tmp_path)))


def test_random_windows_from_scenes(tmp_path, tif_writer):
    rng = np.random.default_rng(0)
    big = rng.integers(0, 255, (4, 60, 90), dtype=np.uint8)
    small = rng.integers(0, 255, (4, 30, 30), dtype=np.uint8)
    tif_writer(tmp_path / 'big.tif', big)
    tif_writer(tmp_path / 'small.tif', small)
    ds = RSIUnlabeledDataset(
        data_prefix=dict(img_path=str(tmp_path)),
        window_size=20,
        samples_per_epoch=400,
        pipeline=PIPELINE)
    assert len(ds) == 400
    # scenes are drawn in proportion to their window positions
    n_big = sum(ds.get_data_info(i)['img_path'].endswith('big.tif')
                for i in range(400))
    share = (41 * 71) / (41 * 71 + 11 * 11)
    assert abs(n_big / 400 - share) < 0.05
    np.random.seed(0)
    seen = set()
    for i in range(30):
        sample = ds[i]
        x, y, w, h = sample['window']
        assert (w, h) == (20, 20)
        src = big if sample['img_path'].endswith('big.tif') else small
        np.testing.assert_array_equal(
            sample['img'], src[:, y:y + h, x:x + w].transpose(1, 2, 0))
        seen.add((x, y))
    assert len(seen) > 20  # windows differ between fetches


def test_scene_smaller_than_window(tmp_path, tif_writer):
    tif_writer(tmp_path / 'tiny.tif', np.zeros((1, 10, 10), np.uint8))
    with pytest.raises(ValueError, match='tiny.tif: scene of 10x10 px is '
                       'smaller than the 16 px window'):
        RSIUnlabeledDataset(
            data_prefix=dict(img_path=str(tmp_path)),
            window_size=16,
            samples_per_epoch=4)


def test_window_args_go_together():
    with pytest.raises(ValueError, match='go together'):
        RSIUnlabeledDataset(window_size=16)
