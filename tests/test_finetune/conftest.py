"""A tiny demo dataset and a real GLCNet checkpoint for the fine-tune tests.

The checkpoint comes from the demo pretraining config itself (ResNet-18
GLCNet), run through mmengine's Runner for two iterations on 48 px views,
so the tests see exactly the keys a user's pretraining writes.
"""
import glob
import os.path as osp

import pytest
from mmengine.config import Config
from mmengine.runner import Runner

from grsim_mm.datasets.demo import make_demo_dataset

PRETRAIN_CONFIG = 'configs/glcnet/glcnet_r18-os16_1xb16-2e_demo.py'
FINETUNE_CONFIG = 'configs/finetune/deeplabv3plus_r18-os16_glcnet_1xb8-40e_demo-1pct.py'


@pytest.fixture(scope='session')
def demo_root(tmp_path_factory) -> str:
    """8 training and 4 test tiles of 64 px; every list has 4 tiles."""
    root = str(tmp_path_factory.mktemp('demo'))
    make_demo_dataset(root, num_train_scenes=2, num_val_scenes=1,
                      scene_size=128, tile_size=64, min_tiles=4)
    return root


def tiny_pretrain_cfg(repo_root: str, demo_root: str, work_dir: str) -> Config:
    cfg = Config.fromfile(osp.join(repo_root, PRETRAIN_CONFIG))
    cfg.work_dir = work_dir
    cfg.log_level = 'WARNING'
    cfg.merge_from_dict({
        'train_dataloader.batch_size': 2,
        'train_dataloader.num_workers': 0,
        'train_dataloader.persistent_workers': False,
        'train_dataloader.dataset.data_root': demo_root,
        'train_dataloader.dataset.indices': 4,
        'train_dataloader.dataset.pipeline.1.crop_size': 48,
        'train_dataloader.dataset.pipeline.1.window_size': 12,
        'train_cfg.max_epochs': 1,
    })
    return cfg


@pytest.fixture(scope='session')
def glcnet_checkpoint(repo_root, demo_root, tmp_path_factory) -> str:
    """The lowest-loss checkpoint of a two-iteration GLCNet run."""
    work_dir = str(tmp_path_factory.mktemp('glcnet'))
    Runner.from_cfg(tiny_pretrain_cfg(repo_root, demo_root, work_dir)).train()
    found = glob.glob(osp.join(work_dir, 'best_loss_epoch_*.pth'))
    assert len(found) == 1, found
    return found[0]


@pytest.fixture(scope='session')
def finetune_config(repo_root) -> str:
    return osp.join(repo_root, FINETUNE_CONFIG)
