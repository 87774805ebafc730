import os.path as osp

import numpy as np
import pytest
from PIL import Image


@pytest.fixture
def tiny_seg_data(tmp_path) -> str:
    """Eight 32x32 RGB images with 3-class labels in mmseg's layout."""
    rng = np.random.default_rng(0)
    for sub in ('img', 'ann'):
        (tmp_path / sub).mkdir()
    for i in range(8):
        label = rng.integers(0, 3, size=(32, 32), dtype=np.uint8)
        img = (label[..., None] * 80 + rng.integers(0, 40, (32, 32, 3)))
        Image.fromarray(img.astype(np.uint8)).save(tmp_path / 'img' / f'{i}.png')
        Image.fromarray(label).save(tmp_path / 'ann' / f'{i}.png')
    return str(tmp_path)


@pytest.fixture
def tiny_seg_config(repo_root) -> str:
    return osp.join(repo_root, 'tests', 'data', 'tiny_seg_config.py')
