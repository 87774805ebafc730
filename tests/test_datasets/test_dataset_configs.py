import os.path as osp

import numpy as np
import torch
import pytest
from mmengine.config import Config
from mmengine.registry import DefaultScope

CONFIG_DIR = osp.join(
    osp.dirname(osp.dirname(osp.dirname(osp.abspath(__file__)))), 'configs',
    '_base_', 'datasets')
SEG_CONFIGS = ('potsdam-rgbir', 'vaihingen-irrg', 'deepglobe-lc', 'loveda',
               'demo')


@pytest.mark.parametrize('name', SEG_CONFIGS)
def test_seg_config_variables(name):
    cfg = Config.fromfile(osp.join(CONFIG_DIR, f'{name}.py'))
    from grsim_mm.datasets import get_preset
    preset = get_preset(cfg.preset)
    assert cfg.num_classes == len(preset['classes'])
    assert cfg.band_mean == preset['mean'] == [127.5] * cfg.num_bands
    assert cfg.band_std == preset['std'] == [79.6875] * cfg.num_bands
    assert cfg.data_preprocessor.mean == cfg.band_mean
    assert cfg.data_preprocessor.type == 'SegDataPreProcessor'
    for loader in ('train_dataloader', 'val_dataloader', 'test_dataloader'):
        dataset = cfg[loader].dataset
        assert dataset.type == 'RSISegDataset'
        assert dataset.preset == cfg.preset
        assert dataset.pipeline[0] == dict(
            type='LoadRasterImageFromFile', num_bands=cfg.num_bands)


@pytest.mark.parametrize('name', SEG_CONFIGS)
def test_settings_prepend_their_loading_to_the_reference_augmentation(name):
    cfg = Config.fromfile(osp.join(CONFIG_DIR, f'{name}.py'))
    augmentation = cfg.reference_augmentation
    warp = [t for t in augmentation if t.type == 'RandomShiftScaleAspect']
    assert warp == [dict(type='RandomShiftScaleAspect', prob=0.5,
                         shift=0.1, scale=0.1, aspect=0.1)]
    assert augmentation[-1] == dict(type='PackSegInputs')
    pipeline = cfg.train_dataloader.dataset.pipeline
    assert pipeline[-len(augmentation):] == augmentation
    assert all(t.type.startswith('Load') or t.type == 'RandomCrop'
               for t in pipeline[:-len(augmentation)])


def test_potsdam_splits_model_selection_is_not_the_test_list():
    cfg = Config.fromfile(osp.join(CONFIG_DIR, 'potsdam-rgbir.py'))
    assert cfg.train_dataloader.dataset.split == 'trainR1'
    assert cfg.val_dataloader.dataset.split == 'trainSel'
    assert cfg.test_dataloader.dataset.split == 'val'
    assert cfg.train_dataloader.dataset.list_dir == 'data_lists/potsdam/'


def test_demo_config_builds_and_runs(demo_root):
    import grsim_mm  # noqa: F401
    from mmseg.registry import DATASETS
    cfg = Config.fromfile(osp.join(CONFIG_DIR, 'demo.py'))
    for loader in ('train_dataloader', 'val_dataloader', 'test_dataloader'):
        dataset_cfg = cfg[loader].dataset
        dataset_cfg.data_root = demo_root
        ds = DATASETS.build(dataset_cfg)
        sample = ds[0]
        inputs = sample['inputs']
        assert tuple(inputs.shape) == (4, 64, 64)
        gt = sample['data_samples'].gt_sem_seg.data
        assert tuple(gt.shape) == (1, 64, 64)
        # the training warp leaves the ignore index where it uncovers
        assert set(gt.unique().tolist()) <= set(range(cfg.num_classes)) | {
            255}
        if loader != 'train_dataloader':
            meta = sample['data_samples'].metainfo
            assert meta['crs'] is None and meta['geo_transform'] is None
            assert meta['img_path'] == ds.get_data_info(0)['img_path']


@pytest.mark.parametrize('name', ('potsdam-rgbir_pretrain', 'demo_pretrain'))
def test_pretrain_configs(name, demo_root):
    import grsim_mm  # noqa: F401
    from mmpretrain.registry import DATASETS
    cfg = Config.fromfile(osp.join(CONFIG_DIR, f'{name}.py'))
    assert cfg.data_preprocessor.type == 'MultiBandSelfSupDataPreprocessor'
    assert cfg.data_preprocessor.mean == [127.5] * 4
    from mmpretrain.registry import MODELS
    with DefaultScope.overwrite_default_scope('mmpretrain'):
        preprocessor = MODELS.build(cfg.data_preprocessor)
    views = [torch.full((1, 4, 2, 2), 255, dtype=torch.uint8)] * 2
    out = preprocessor(dict(inputs=views, data_samples=None))['inputs']
    # x / 255 * 3.2 - 1.6, the reference's normalisation, on every band
    torch.testing.assert_close(out[1], torch.full((1, 4, 2, 2), 1.6))
    pipeline = cfg.train_dataloader.dataset.pipeline
    assert pipeline[1].type == 'GLCViews'
    assert pipeline[2] == dict(
        type='PackInputs', algorithm_keys=['windows', 'window_valid'])
    dataset_cfg = cfg.train_dataloader.dataset
    # the demo tiles do not carry Potsdam tile names: no grid positions
    dataset_cfg.update(data_root=demo_root, list_dir=None,
                       pipeline=pipeline[:1], positions=None, tile_grid=None)
    with DefaultScope.overwrite_default_scope('mmpretrain'):
        ds = DATASETS.build(dataset_cfg)
    assert len(ds) == 48
    assert ds[0]['img'].dtype == np.uint8


def test_demo_pretrain_pipeline_end_to_end(tmp_path):
    """Full pipeline with the real GLCViews on 128 px demo tiles."""
    import grsim_mm  # noqa: F401
    from grsim_mm.datasets.demo import make_demo_dataset
    from mmpretrain.registry import DATASETS
    make_demo_dataset(
        str(tmp_path),
        num_train_scenes=1,
        num_val_scenes=1,
        scene_size=256,
        tile_size=128,
        min_tiles=1,
        sel_percent=25)
    cfg = Config.fromfile(osp.join(CONFIG_DIR, 'demo_pretrain.py'))
    cfg.train_dataloader.dataset.data_root = str(tmp_path)
    with DefaultScope.overwrite_default_scope('mmpretrain'):
        ds = DATASETS.build(cfg.train_dataloader.dataset)
    assert len(ds) == 4
    np.random.seed(0)
    sample = ds[0]
    views = sample['inputs']
    assert len(views) == 2
    assert all(tuple(v.shape) == (4, 112, 112) for v in views)
    windows = sample['data_samples'].windows
    assert tuple(windows.shape)[1:] == (2, 4)
    assert len(sample['data_samples'].window_valid) == windows.shape[0]


@pytest.mark.parametrize('name', ('deepglobe-lc', 'loveda'))
def test_mmseg_layout_configs_read_png_and_jpeg(name, tmp_path, tif_writer):
    """DeepGlobe (JPEG images, colour PNG masks) and LoVeDA (PNG images,
    index PNG labels with 0 = no-data) through their configs."""
    import grsim_mm  # noqa: F401
    from mmseg.registry import DATASETS
    from grsim_mm.datasets import get_preset
    cfg = Config.fromfile(osp.join(CONFIG_DIR, f'{name}.py'))
    dataset_cfg = cfg.val_dataloader.dataset
    img_suffix, seg_suffix = dataset_cfg.img_suffix, dataset_cfg.seg_map_suffix
    img_dir = tmp_path / 'img_dir' / 'val'
    ann_dir = tmp_path / 'ann_dir' / 'val'
    img_dir.mkdir(parents=True)
    ann_dir.mkdir(parents=True)
    rng = np.random.default_rng(0)
    classes = rng.integers(0, 7, (32, 48))
    img = rng.integers(0, 255, (3, 32, 48), dtype=np.uint8)
    driver = 'JPEG' if img_suffix.endswith('.jpg') else 'PNG'
    tif_writer(img_dir / f'a{img_suffix}', img, driver=driver)
    if name == 'deepglobe-lc':
        palette = np.array(get_preset(name)['palette'], np.uint8)
        label = palette[classes].transpose(2, 0, 1)
        expected = classes
    else:
        label = (classes + 1).astype(np.uint8)[None]  # 0 is no-data
        label[0, 0, :5] = 0
        expected = classes.copy()
        expected[0, :5] = 255
    tif_writer(ann_dir / f'a{seg_suffix}', np.ascontiguousarray(label),
               driver='PNG')
    dataset_cfg.data_root = str(tmp_path)
    ds = DATASETS.build(dataset_cfg)
    assert len(ds) == 1
    sample = ds[0]
    assert tuple(sample['inputs'].shape) == (3, 32, 48)
    np.testing.assert_array_equal(
        sample['data_samples'].gt_sem_seg.data[0].numpy(), expected)
