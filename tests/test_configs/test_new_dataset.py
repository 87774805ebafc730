"""A user's own 13-band uint16 dataset needs one dataset setting (and its
pretraining setting) and nothing else: every pretraining method and the
fine-tuning segmentor build on it and train a step on the CPU.

The settings below are what docs/add_a_dataset.md tells a user to write.
"""
import glob
import math
import os.path as osp

import numpy as np
import pytest
import rasterio
import torch
from mmengine.config import Config
from mmengine.runner import Runner

from grsim_mm.utils import use_dataset_setting

REPO = osp.dirname(osp.dirname(osp.dirname(osp.abspath(__file__))))
BASE = osp.join(REPO, 'configs', '_base_', 'datasets', 'rsi_seg.py')
BANDS = ('B1', 'B2', 'B3', 'B4', 'B5', 'B6', 'B7', 'B8', 'B8A', 'B9', 'B10',
         'B11', 'B12')
MEANS = [300.0 + 100 * i for i in range(len(BANDS))]
STDS = [50.0 + 10 * i for i in range(len(BANDS))]
HIGH = 4500  # reflectance x 10000 stays far below the dtype's 65535
TILE = 128

SETTING = f"""
_base_ = {BASE!r}
data_root = {{root!r}}
list_dir = None
image_tag = 'S2'
num_classes = 5
band_names = {BANDS!r}
num_bands = len(band_names)
band_mean = {MEANS!r}
band_std = {STDS!r}
value_range = (0, {HIGH})
crop_size = ({TILE}, {TILE})
data_preprocessor = dict(mean=band_mean, std=band_std, size=crop_size)
dataset_args = dict(
    data_root=data_root,
    list_dir=list_dir,
    dtype=image_tag,
    num_bands=num_bands,
    band_names=band_names,
    value_range=value_range)
classes = dict(classes=('water', 'forest', 'crop', 'urban', 'bare'))
load_pipeline = [
    dict(type='LoadRasterImageFromFile', num_bands=num_bands),
    dict(type='LoadRasterAnnotations'),
]
train_pipeline = [
    *load_pipeline, *_base_.flip_rot90, _base_.spectral_jitter,
    dict(type='PackSegInputs')
]
test_pipeline = [
    *load_pipeline,
    dict(type='PackSegInputs', meta_keys=_base_.test_meta_keys)
]
train_dataloader = dict(
    batch_size=2,
    num_workers=0,
    persistent_workers=False,
    dataset=dict(dataset_args, metainfo=classes, pipeline=train_pipeline))
val_dataloader = dict(
    batch_size=2,
    num_workers=0,
    persistent_workers=False,
    dataset=dict(dataset_args, metainfo=classes, pipeline=test_pipeline))
test_dataloader = val_dataloader
"""

PRETRAIN_SETTING = """
_base_ = './s2.py'
data_preprocessor = dict(
    _delete_=True,
    type='MultiBandSelfSupDataPreprocessor',
    mean=_base_.band_mean,
    std=_base_.band_std,
    to_rgb=False)
train_dataloader = dict(
    _delete_=True,
    batch_size=2,
    num_workers=0,
    drop_last=True,
    sampler=dict(type='DefaultSampler', shuffle=True),
    collate_fn=dict(type='default_collate'),
    dataset=dict(_base_.dataset_args, type='RSIUnlabeledDataset',
                 split='train'))
val_dataloader = val_evaluator = test_dataloader = test_evaluator = None
"""

METHODS = [
    'glcnet/glcnet_r18-os16_1xb16-2e_demo.py',
    'ssccl/ssccl_r18-os16_1xb16-2e_demo.py',
    'baselines/simclr_r18-os16_1xb16-2e_demo.py',
    'baselines/mocov2_r18-os16_1xb16-2e_demo.py',
    'baselines/densecl_r18-os16_1xb16-2e_demo.py',
    'baselines/inpainting_r18-os16_1xb16-2e_demo.py',
    'baselines/jigsaw_r18-os16_1xb16-2e_demo.py',
    'false/false_r18-os16_1xb16-2e_demo.py',
    'grass/grass_r18-os16_1xb16-2e_demo.py',
]
FINETUNE = 'finetune/deeplabv3plus_r18-os16_glcnet_1xb8-40e_demo-1pct.py'


def write_tif(path, array: np.ndarray) -> None:
    array = array if array.ndim == 3 else array[None]
    with rasterio.open(
            str(path), 'w', driver='GTiff', count=array.shape[0],
            height=array.shape[1], width=array.shape[2],
            dtype=array.dtype.name) as dst:
        dst.write(array)


@pytest.fixture(scope='module')
def s2_settings(tmp_path_factory):
    """Two 13-band uint16 tiles per folder, index labels, the split lists,
    and the two settings a user writes for them."""
    root = tmp_path_factory.mktemp('s2')
    rng = np.random.default_rng(0)
    for folder, names in (('train', ('a.tif', 'b.tif')), ('val',
                                                          ('c.tif', 'd.tif'))):
        (root / f'{folder}_S2').mkdir()
        (root / f'{folder}_lbl').mkdir()
        for name in names:
            img = rng.integers(1, HIGH, (len(BANDS), TILE, TILE))
            write_tif(root / f'{folder}_S2' / name, img.astype(np.uint16))
            label = rng.integers(0, 5, (TILE, TILE)).astype(np.uint8)
            write_tif(root / f'{folder}_lbl' / name, label)
        splits = ('train', 'trainR1', 'trainSel') if folder == 'train' else (
            'val', )
        for split in splits:
            (root / f'{split}_S2.txt').write_text('\n'.join(names) + '\n')
    seg = root / 's2.py'
    seg.write_text(SETTING.format(root=str(root)))
    pretrain = root / 's2_pretrain.py'
    pretrain.write_text(PRETRAIN_SETTING)
    return str(seg), str(pretrain)


def _one_step(cfg: Config, work_dir: str) -> Runner:
    cfg.work_dir = work_dir
    cfg.log_level = 'WARNING'
    cfg.default_hooks.logger.interval = 1
    cfg.train_cfg.max_epochs = 1
    cfg.train_cfg.pop('val_interval', None)
    cfg.val_cfg = cfg.val_dataloader = cfg.val_evaluator = None
    cfg.default_hooks.checkpoint = dict(type='CheckpointHook', interval=1)
    runner = Runner.from_cfg(cfg)
    runner.train()
    return runner


def _stem(model: torch.nn.Module) -> torch.Tensor:
    return model.state_dict()['backbone.conv1.weight']


@pytest.mark.parametrize('config', METHODS)
def test_every_pretraining_method_trains_on_13_bands(config, s2_settings,
                                                     tmp_path):
    cfg = Config.fromfile(osp.join(REPO, 'configs', config))
    cfg = use_dataset_setting(cfg, s2_settings[1])
    # the views of the method are its own; only their size fits small tiles
    cfg.train_dataloader.dataset.indices = 2
    runner = _one_step(cfg, str(tmp_path))
    model = runner.model
    torch.testing.assert_close(
        model.data_preprocessor.mean.flatten(), torch.tensor(MEANS))
    assert _stem(model).shape[1] == len(BANDS)
    losses = runner.message_hub.get_scalar('train/loss').data[0]
    assert len(losses) == 1 and math.isfinite(float(losses[0]))
    saved = torch.load(
        glob.glob(str(tmp_path / 'epoch_1.pth'))[0],
        weights_only=True)['state_dict']
    assert saved['backbone.conv1.weight'].shape[1] == len(BANDS)


def test_segmentor_fine_tunes_and_tests_on_13_bands(s2_settings, tmp_path):
    cfg = Config.fromfile(osp.join(REPO, 'configs', FINETUNE))
    cfg.model.init_cfg = None
    cfg = use_dataset_setting(cfg, s2_settings[0])
    runner = _one_step(cfg, str(tmp_path))
    model = runner.model
    torch.testing.assert_close(
        model.data_preprocessor.mean.flatten(), torch.tensor(MEANS))
    assert _stem(model).shape[1] == len(BANDS)
    assert model.decode_head.conv_seg.out_channels == 5
    metrics = runner.test()
    assert 0 <= metrics['OA'] <= 100


def test_views_stay_in_the_value_range_of_the_setting(s2_settings):
    """uint16 reflectance below 4500 is jittered within 0..4500, never
    towards the dtype's 65535."""
    from mmengine.registry import DefaultScope
    from mmpretrain.registry import DATASETS
    cfg = Config.fromfile(
        osp.join(REPO, 'configs', 'glcnet', 'glcnet_r18-os16_1xb16-2e_demo.py'))
    cfg = use_dataset_setting(cfg, s2_settings[1])
    cfg.train_dataloader.dataset.pipeline[1].update(
        view_transforms=[[], [dict(type='SpectralJitter', prob=1.0,
                                   brightness=0.5, contrast=0.5)]])
    with DefaultScope.overwrite_default_scope('mmpretrain'):
        dataset = DATASETS.build(cfg.train_dataloader.dataset)
    np.random.seed(0)
    highest = max(
        int(dataset[i % 2]['inputs'][1].int().max()) for i in range(8))
    assert HIGH // 2 < highest <= HIGH
