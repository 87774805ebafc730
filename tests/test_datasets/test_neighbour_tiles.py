"""NeighbourTiles: every neighbour lies in the anchor's scene, within the
radius, and its view shows the ground of its window."""
import math
import os
import os.path as osp
import shutil

import numpy as np
import pytest

from grsim_mm.datasets import RSIUnlabeledDataset
from grsim_mm.datasets.raster_io import read_raster


@pytest.fixture(autouse=True)
def pretrain_scope(seg_scope):
    from mmengine.registry import DefaultScope
    with DefaultScope.overwrite_default_scope('mmpretrain'):
        yield


def identity_views(size):
    """Views that are the window itself, so a view can be checked pixel by
    pixel against the scene."""
    return dict(type='PairedViews', crop_size=size, scale=(1.0, 1.0),
                ratio=(1.0, 1.0), geometric_views=(),
                view_transforms=((), ()), num_windows=0)


def pipeline(size, **kwargs):
    return [dict(type='LoadRasterImageFromFile'),
            dict(type='NeighbourTiles', **kwargs), identity_views(size)]


@pytest.mark.parametrize('scene_hw,k,radius', [((60, 90), 8, 1.5),
                                               ((20, 22), 6, 1.5),
                                               ((60, 90), 5, 0.4)])
def test_scene_neighbours_inside_scene_and_radius(tmp_path, tif_writer,
                                                  scene_hw, k, radius):
    rng = np.random.default_rng(0)
    scene = rng.integers(0, 255, (3, *scene_hw), dtype=np.uint8)
    tif_writer(tmp_path / 'scene.tif', scene)
    ds = RSIUnlabeledDataset(
        data_prefix=dict(img_path=str(tmp_path)), window_size=16,
        samples_per_epoch=25,
        pipeline=pipeline(16, num_neighbours=k, radius=radius))
    np.random.seed(0)
    h, w = scene_hw
    for i in range(25):
        out = ds[i]
        ax, ay = out['window'][:2]
        assert len(out['img']) == 2 + k
        assert out['neighbour_valid'].all()  # room for all of them
        for view, (x, y, ww, hh) in zip(out['img'][2:],
                                        out['neighbour_windows']):
            assert (ww, hh) == (16, 16)
            assert 0 <= x <= w - 16 and 0 <= y <= h - 16
            assert 0 < math.hypot(x - ax, y - ay) <= radius * 16
            np.testing.assert_array_equal(
                view, scene[:, y:y + 16, x:x + 16].transpose(1, 2, 0))


def test_scene_of_window_size_has_no_neighbours(tmp_path, tif_writer):
    tif_writer(tmp_path / 's.tif', np.ones((1, 16, 16), np.uint8))
    ds = RSIUnlabeledDataset(
        data_prefix=dict(img_path=str(tmp_path)), window_size=16,
        samples_per_epoch=1, pipeline=pipeline(16, num_neighbours=3))
    out = ds[0]
    assert not out['neighbour_valid'].any()
    assert (out['neighbour_windows'] == -1).all()
    # the slots hold views of the anchor, so batches keep one shape
    assert len(out['img']) == 5 and 'extra_imgs' not in out
    for view in out['img'][2:]:
        np.testing.assert_array_equal(view, out['img'][0])


def _grid_dataset(root, k=8, radius=1.5):
    return RSIUnlabeledDataset(
        data_root=root, split='train', positions='tile_grid',
        tile_grid=dict(scene_size=256, tile_size=64),
        pipeline=pipeline(64, num_neighbours=k, radius=radius))


def _sample_of(ds, name):
    index = [osp.basename(ds.get_data_info(i)['img_path'])
             for i in range(len(ds))].index(name)
    return ds[index]


def _tile(root, name):
    return read_raster(osp.join(root, 'train_RGBIR', name))[0].transpose(
        1, 2, 0)


@pytest.mark.parametrize('name,expected', [
    # demo grid: 4 x 4 tiles of 64 px, k = row * 4 + col + 1
    ('demo_s01_RGBIR__6.tif', {1, 2, 3, 5, 7, 9, 10, 11}),
    ('demo_s01_RGBIR__1.tif', {2, 5, 6}),
    ('demo_s02_RGBIR__16.tif', {11, 12, 15}),
])
def test_grid_neighbours_are_the_8_neighbourhood(demo_root, name, expected):
    ds = _grid_dataset(demo_root)
    np.random.seed(0)
    out = _sample_of(ds, name)
    valid = out['neighbour_valid']
    assert valid.sum() == len(expected)
    scene = name.split('_RGBIR__')[0]
    got = set()
    for view, (x, y, w, h) in zip(np.array(out['img'][2:])[valid],
                                  out['neighbour_windows'][valid]):
        k = (y // 64) * 4 + x // 64 + 1
        got.add(k)
        np.testing.assert_array_equal(
            view, _tile(demo_root, f'{scene}_RGBIR__{k}.tif'))
    assert got == expected


def test_grid_neighbours_within_a_larger_radius(demo_root):
    ds = _grid_dataset(demo_root, k=20, radius=2.5)
    np.random.seed(0)
    out = _sample_of(ds, 'demo_s01_RGBIR__6.tif')  # row 1, col 1
    windows = out['neighbour_windows'][out['neighbour_valid']]
    dist = np.hypot(windows[:, 0] - 64, windows[:, 1] - 64)
    # every cell within 160 px of (64, 64) but the anchor: the 4 x 4 grid
    # minus the anchor and the far corner (3, 3) at 181 px
    assert len(windows) == 14 and (dist <= 160).all() and (dist > 0).all()


def test_missing_tiles_are_not_neighbours(demo_root, tmp_path):
    root = tmp_path / 'demo'
    shutil.copytree(demo_root, root)
    os.remove(root / 'train_RGBIR' / 'demo_s01_RGBIR__2.tif')
    names = (root / 'train_RGBIR.txt').read_text().split()
    (root / 'train_RGBIR.txt').write_text('\n'.join(
        n for n in names if n != 'demo_s01_RGBIR__2.tif'))
    ds = _grid_dataset(str(root))
    np.random.seed(0)
    out = _sample_of(ds, 'demo_s01_RGBIR__1.tif')
    windows = out['neighbour_windows'][out['neighbour_valid']]
    assert sorted(map(tuple, windows[:, :2])) == [(0, 64), (64, 64)]


def test_neighbours_become_views_like_view_2(tmp_path, tif_writer):
    """In the default views, view 1 is only cropped and view 2 also
    flipped, rotated and jittered: so are the neighbours."""
    rng = np.random.default_rng(1)
    tif_writer(tmp_path / 's.tif',
               rng.integers(0, 255, (3, 64, 64), dtype=np.uint8))
    views = dict(type='PairedViews', crop_size=16, num_windows=0,
                 scale=(1.0, 1.0), ratio=(1.0, 1.0), rot_prob=1.0,
                 rot_choices=(1, ), flip_prob=(0, 0, 0))
    ds = RSIUnlabeledDataset(
        data_prefix=dict(img_path=str(tmp_path)), window_size=16,
        samples_per_epoch=1,
        pipeline=[dict(type='LoadRasterImageFromFile'),
                  dict(type='NeighbourTiles', num_neighbours=2),
                  dict(views, view_transforms=((), ()))])
    np.random.seed(0)
    out = ds[0]
    scene = read_raster(str(tmp_path / 's.tif'))[0].transpose(1, 2, 0)
    for view, (x, y, w, h) in zip(out['img'][2:], out['neighbour_windows']):
        np.testing.assert_array_equal(
            view, np.rot90(scene[y:y + h, x:x + w]))


def test_bad_arguments():
    from grsim_mm.datasets.transforms import NeighbourTiles, PairedViews
    with pytest.raises(ValueError, match='num_neighbours must be at least'):
        NeighbourTiles(num_neighbours=0)
    with pytest.raises(ValueError, match='radius must be positive'):
        NeighbourTiles(radius=0)
    with pytest.raises(ValueError, match='extra_view must be 0 or 1'):
        PairedViews(extra_view=2)
