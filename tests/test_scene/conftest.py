"""Fixtures of the scene-classification tests: tiny class-folder datasets
written into tmp_path, built in the mmpretrain scope."""
import numpy as np
import pytest
from scene_helpers import class_value, write_image


@pytest.fixture
def scene_folder(tmp_path):
    """Make ``root/<class>/<name>`` images filled with ``class_value``."""

    def make(classes=('a', 'b', 'c'), per_class=2, bands=3, size=8,
             dtype=np.uint8, ext='.tif', root='scenes'):
        base = tmp_path / root
        for label, name in enumerate(classes):
            for i in range(per_class):
                img = np.full((size, size, bands), class_value(label, i),
                              dtype=dtype)
                write_image(base / name / f'{name}_{i}{ext}', img)
        return str(base)

    return make


@pytest.fixture(autouse=True)
def pretrain_scope():
    """Build in the mmpretrain scope, as a classification runner would."""
    import grsim_mm  # noqa: F401  (registers the components)
    from mmengine.registry import DefaultScope
    with DefaultScope.overwrite_default_scope('mmpretrain'):
        yield


@pytest.fixture(autouse=True)
def _single_thread(one_thread):
    """Every scene test runs on one torch thread (``one_thread``)."""
