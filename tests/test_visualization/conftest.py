"""Fixtures of the 13-band tiles (see s2_tiles.py)."""
import os.path as osp

import numpy as np
import pytest
import torch
from s2_tiles import (CLASSES, PALETTE, SIZE, TILES, write_config,
                      write_tile)


@pytest.fixture(scope='module')
def s2_dataset(tmp_path_factory):
    """Three 13-band uint16 tiles of 32 px with index labels."""
    root = tmp_path_factory.mktemp('s2')
    (root / 'img').mkdir()
    (root / 'ann').mkdir()
    rng = np.random.default_rng(0)
    for name, transform in TILES.items():
        label = rng.integers(0, len(CLASSES), (SIZE, SIZE)).astype(np.uint8)
        img = (300 + 800 * label[None].astype(np.int64) +
               rng.integers(0, 600, (13, SIZE, SIZE))).astype(np.uint16)
        img[:, :6, :6] = 0  # nodata corner
        label[:6, :6] = 255
        write_tile(root / 'img' / f'{name}.tif', img, transform, nodata=0)
        write_tile(root / 'ann' / f'{name}.tif', label[None], transform)
    return str(root)


@pytest.fixture(scope='module')
def s2_config(s2_dataset, tmp_path_factory):
    return write_config(tmp_path_factory.mktemp('cfg') / 's2.py', s2_dataset)


@pytest.fixture(scope='module')
def s2_checkpoint(s2_config, tmp_path_factory):
    """Random weights of the config's model (seeded)."""
    from mmseg.apis import init_model
    torch.manual_seed(0)
    model = init_model(s2_config, device='cpu')
    path = osp.join(str(tmp_path_factory.mktemp('ckpt')), 'model.pth')
    torch.save(dict(state_dict=model.state_dict(),
                    meta=dict(dataset_meta=dict(classes=CLASSES,
                                                palette=PALETTE))), path)
    return path
