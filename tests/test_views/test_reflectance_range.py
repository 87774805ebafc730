"""16-bit reflectance far below the dtype's 65535: every photometric
transform takes black and white from the dataset setting, and an image
without a value range is an error naming the file, never the dtype's range.
"""
import warnings

import numpy as np
import pytest
import rasterio
from mmengine.registry import DefaultScope
from mmpretrain.registry import DATASETS, TRANSFORMS
from rasterio.errors import NotGeoreferencedWarning

import grsim_mm  # noqa: F401  (registers the transforms)

HIGH = 4500  # Sentinel-2 reflectance x 10000 stays below this
JITTER = dict(type='SpectralJitter', prob=1., brightness=0.5, contrast=0.5,
              salt_prob=0.02)
TRANSFORMS_UNDER_TEST = {
    'SpectralJitter': JITTER,
    'PairedViews': dict(type='PairedViews', crop_size=16, num_windows=0,
                        view_transforms=[[JITTER], [JITTER]]),
    'BandBrightnessContrast': dict(type='BandBrightnessContrast', prob=1.,
                                   brightness=0.6, contrast=0.6),
    'RangeSolarize': dict(type='RangeSolarize', prob=1.),
    'OTSceneTransfer': dict(type='OTSceneTransfer', prob=1., num_samples=40),
}


def reflectance(seed: int, bands: int = 3) -> np.ndarray:
    rng = np.random.default_rng(seed)
    return rng.integers(200, HIGH, (24, 24, bands), dtype=np.uint16)


def run(name: str, seed: int, **results) -> np.ndarray:
    transform = TRANSFORMS.build(TRANSFORMS_UNDER_TEST[name])
    results.setdefault('img', reflectance(seed))
    results['img_path'] = 'tiles/s2_tile.tif'
    results['scene_transfer_img'] = reflectance(seed + 100)
    np.random.seed(seed)
    out = transform(results)['img']
    return np.stack(out) if isinstance(out, list) else out


@pytest.mark.parametrize('name', sorted(TRANSFORMS_UNDER_TEST))
def test_no_value_range_is_an_error_naming_the_file(name):
    # The old fallback took 0..65535 for uint16: the jittered views reached
    # 65535 on data whose white is 4500.
    with pytest.raises(ValueError, match=r'tiles/s2_tile\.tif.*uint16'
                       r'(.|\n)*value_range(.|\n)*dataset_stats'):
        run(name, 0)


@pytest.mark.parametrize('name', sorted(TRANSFORMS_UNDER_TEST))
def test_reflectance_stays_in_the_setting_range(name):
    outputs = [run(name, seed, value_range=(0, HIGH)) for seed in range(6)]
    assert all(out.dtype == np.uint16 for out in outputs)
    highest = max(int(out.max()) for out in outputs)
    assert highest <= HIGH
    if name in ('SpectralJitter', 'PairedViews'):
        # salt noise is uniform over the range: white is 4500, not 65535
        assert highest > 0.9 * HIGH


@pytest.mark.parametrize('name', sorted(TRANSFORMS_UNDER_TEST))
def test_per_band_ranges(name):
    levels = [(0, HIGH), (100, 3000), (0, 1000)]
    img = np.minimum(reflectance(1), np.array([HIGH, 3000, 1000], np.uint16))
    img[..., 1] = np.maximum(img[..., 1], 100)
    for seed in range(4):
        out = run(name, seed, img=img.copy(), value_range=levels)
        for band, (lo, hi) in enumerate(levels):
            assert lo <= out[..., band].min()
            assert out[..., band].max() <= hi


def test_eight_bit_images_need_no_range():
    img = np.random.default_rng(0).integers(0, 256, (16, 16, 4), np.uint8)
    np.random.seed(0)
    out = TRANSFORMS.build(JITTER)(dict(img=img))['img']
    assert out.dtype == np.uint8 and out.max() > 230  # salt reaches 255


def test_float_images_need_a_range():
    img = np.random.default_rng(0).random((16, 16, 2)).astype(np.float32)
    with pytest.raises(ValueError, match='float32'):
        TRANSFORMS.build(JITTER)(dict(img=img, img_path='f.tif'))


def _write_uint16_tile(path) -> str:
    data = reflectance(3, bands=4).transpose(2, 0, 1)
    with warnings.catch_warnings():
        warnings.simplefilter('ignore', NotGeoreferencedWarning)
        with rasterio.open(str(path), 'w', driver='GTiff', count=4,
                           height=24, width=24, dtype='uint16') as dst:
            dst.write(data)
    return str(path)


@pytest.mark.parametrize('value_range', [None, (0, HIGH)])
def test_unlabelled_dataset_of_reflectance_tiles(tmp_path, value_range):
    tile = _write_uint16_tile(tmp_path / 'tile_0.tif')
    pipeline = [
        dict(type='LoadRasterImageFromFile'),
        dict(type='PairedViews', crop_size=16, num_windows=0,
             view_transforms=[[JITTER], [JITTER]]),
    ]
    with DefaultScope.overwrite_default_scope('mmpretrain'):
        dataset = DATASETS.build(
            dict(type='RSIUnlabeledDataset', data_root=str(tmp_path),
                 num_bands=4, value_range=value_range, pipeline=pipeline))
    np.random.seed(0)
    if value_range is None:
        with pytest.raises(ValueError, match=tile):
            dataset[0]
    else:
        views = np.stack(dataset[0]['img'])
        assert HIGH // 2 < views.max() <= HIGH
