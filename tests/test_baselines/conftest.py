"""A tiny demo dataset shared by the method tests."""
import pytest

from grsim_mm.datasets.demo import make_demo_dataset


@pytest.fixture(scope='session')
def demo_root(tmp_path_factory) -> str:
    """8 training and 4 test tiles of 64 px; every list has 4 tiles."""
    root = str(tmp_path_factory.mktemp('demo'))
    make_demo_dataset(root, num_train_scenes=2, num_val_scenes=1,
                      scene_size=128, tile_size=64, min_tiles=4)
    return root
