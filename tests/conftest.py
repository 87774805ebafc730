"""Fixtures shared by the whole test suite."""
import os.path as osp

import pytest

REPO_ROOT = osp.dirname(osp.dirname(osp.abspath(__file__)))
SHARED_DIR = osp.join(osp.dirname(REPO_ROOT), 'shared')


@pytest.fixture(scope='session')
def repo_root() -> str:
    return REPO_ROOT


@pytest.fixture(scope='session')
def potsdam_sample_dir() -> str:
    """The two real Potsdam tiles shipped beside the repository."""
    path = osp.join(SHARED_DIR, 'data', 'potsdam_sample')
    if not osp.isdir(path):
        pytest.skip('the Potsdam sample data is not available')
    return path
