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


@pytest.fixture(scope='session')
def reference_lists_dir() -> str:
    """The GLCNet authors' published lists and jigsaw permutations, as
    released with their code."""
    path = osp.join(SHARED_DIR, 'data', 'reference_lists')
    if not osp.isdir(path):
        pytest.skip('the reference lists are not available')
    return path


@pytest.fixture(autouse=True)
def isolated_default_scope():
    """Keep tests independent of the default scope others leave behind.

    Every mmengine Runner creates a ``DefaultScope`` instance that outlives
    it, and registries build from the most recent one, so a segmentation
    run would otherwise make a later test resolve mmpretrain types in the
    mmseg registry.
    """
    from mmengine.registry import DefaultScope
    saved = DefaultScope._instance_dict.copy()
    yield
    DefaultScope._instance_dict.clear()
    DefaultScope._instance_dict.update(saved)
