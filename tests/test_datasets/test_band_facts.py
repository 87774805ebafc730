"""Dataset facts travel with the samples: band count, band selection,
value range and band names stated once, on the dataset."""
import numpy as np
import pytest
from mmengine.registry import DefaultScope

from grsim_mm.datasets import RSISegDataset, RSIUnlabeledDataset
from grsim_mm.datasets.band_facts import band_facts

LIMIT = 4500


def jitter(salt_prob=0.02):
    return dict(type='SpectralJitter', prob=1., brightness=0.5, contrast=0.,
                salt_prob=salt_prob)


def uint16_tiles(tmp_path, tif_writer, count=2, bands=4):
    """uint16 reflectance tiles whose values (1000..3000) fill a fraction of
    the dtype, as 16-bit sensors' do."""
    rng = np.random.default_rng(0)
    folder = tmp_path / 'tiles'
    folder.mkdir()
    for i in range(count):
        tif_writer(folder / f'{i}.tif',
                   rng.integers(1000, 3001, (bands, 48, 48), dtype=np.uint16))
    return dict(img_path=str(folder))


def two_view_pipeline():
    return [
        dict(type='LoadRasterImageFromFile'),
        dict(type='PairedViews', crop_size=32, num_windows=0,
             view_transforms=([jitter()], [jitter()])),
    ]


def test_value_range_given_to_the_dataset_bounds_the_jitter(
        tmp_path, tif_writer):
    """White is the dataset's 4500, not the dtype's 65535."""
    with DefaultScope.overwrite_default_scope('mmpretrain'):
        ds = RSIUnlabeledDataset(
            data_prefix=uint16_tiles(tmp_path, tif_writer),
            value_range=(0, LIMIT), pipeline=two_view_pipeline())
        np.random.seed(0)
        views = [view for i in range(len(ds)) for view in ds[i]['img']]
    values = np.stack(views)
    assert values.dtype == np.uint16
    assert values.max() <= LIMIT
    # brightening and salt reach far above the data (3000) towards white
    assert values.max() > 0.9 * LIMIT
    assert (values > 3000).mean() > 0.01


def test_uint16_without_a_value_range_is_refused(tmp_path, tif_writer):
    """No silent fall back to the dtype's 0..65535: the error names the
    file and the setting key to add."""
    with DefaultScope.overwrite_default_scope('mmpretrain'):
        ds = RSIUnlabeledDataset(
            data_prefix=uint16_tiles(tmp_path, tif_writer),
            pipeline=two_view_pipeline())
        with pytest.raises(ValueError, match=r'tiles/0\.tif is uint16 and '
                           r'no value range is set.*value_range'):
            ds[0]


def test_loader_takes_num_bands_and_bands_from_the_dataset(
        tmp_path, tif_writer):
    folder = tmp_path / 'tiles'
    folder.mkdir()
    tif_writer(folder / 'a.tif',
               np.arange(3, dtype=np.uint8)[:, None, None].repeat(8, 1)
               .repeat(8, 2) * 10 + 5)
    load = [dict(type='LoadRasterImageFromFile')]
    ds = RSIUnlabeledDataset(data_prefix=dict(img_path=str(folder)),
                             num_bands=3, bands=[2, 0], pipeline=load)
    img = ds[0]['img']
    assert img.shape == (8, 8, 2)
    assert img[0, 0].tolist() == [25, 5]
    # the transform's own arguments win
    own = [dict(type='LoadRasterImageFromFile', bands=[1])]
    ds = RSIUnlabeledDataset(data_prefix=dict(img_path=str(folder)),
                             num_bands=3, bands=[2, 0], pipeline=own)
    assert ds[0]['img'][0, 0].tolist() == [15]
    ds = RSIUnlabeledDataset(data_prefix=dict(img_path=str(folder)),
                             num_bands=4, pipeline=load)
    with pytest.raises(ValueError, match='a.tif: has 3 bands, but the '
                       'config expects 4'):
        ds[0]


def test_scene_probe_checks_the_band_count(tmp_path, tif_writer):
    folder = tmp_path / 'scenes'
    folder.mkdir()
    tif_writer(folder / 'big.tif', np.zeros((3, 40, 40), np.uint8))
    with pytest.raises(ValueError, match='big.tif: has 3 bands, but the '
                       'config expects 4'):
        RSIUnlabeledDataset(data_prefix=dict(img_path=str(folder)),
                            window_size=16, samples_per_epoch=4, num_bands=4)


def test_seg_dataset_facts_in_data_info_and_metainfo(demo_root):
    ds = RSISegDataset(data_root=demo_root, split='trainR1', preset='demo',
                       num_bands=4, value_range=(0, 250))
    info = ds.get_data_info(0)
    assert info['num_bands'] == 4 and info['bands'] is None
    assert info['value_range'] == (0, 250)
    assert info['band_names'] == ('R', 'G', 'B', 'NIR')  # the preset's
    assert ds.metainfo['band_names'] == ('R', 'G', 'B', 'NIR')
    assert ds.metainfo['value_range'] == (0, 250)

    ds = RSISegDataset(
        data_root=demo_root, split='trainR1', preset='demo', bands=[3, 0],
        band_names=['NIR', 'R'], value_range=[(0, 255), (0, 200)],
        pipeline=[dict(type='LoadRasterImageFromFile')])
    sample = ds[0]
    assert sample['band_names'] == ('NIR', 'R')
    assert sample['value_range'] == ((0, 255), (0, 200))
    assert sample['img'].shape[2] == 2
    # the preset names all four file bands, not a selection of them
    ds = RSISegDataset(data_root=demo_root, split='trainR1', preset='demo',
                       bands=[3, 0])
    assert ds.metainfo['band_names'] is None


def test_inconsistent_facts_are_errors():
    with pytest.raises(ValueError, match=r'X: 3 band_names for 4 bands'):
        band_facts(num_bands=4, band_names=['a', 'b', 'c'], owner='X')
    with pytest.raises(ValueError, match=r'X: bands \[0, 4\] must be 0-based '
                       'indices of the 4 bands'):
        band_facts(num_bands=4, bands=[0, 4], owner='X')
    with pytest.raises(ValueError, match=r'X: value_range has 2 \(low, '
                       r'high\) pairs for 3 bands'):
        band_facts(bands=[0, 1, 2], value_range=[(0, 1), (0, 2)], owner='X')
    with pytest.raises(ValueError, match='increasing'):
        band_facts(value_range=(10, 0))
    with pytest.raises(ValueError, match='positive integer'):
        band_facts(num_bands=0)
