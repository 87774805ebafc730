"""A tiny demo dataset for the analysis tools."""
import pytest


@pytest.fixture(scope='session')
def tiny_demo(tmp_path_factory) -> str:
    """Demo tiles of 64 px (4 bands, 5 classes) in the reference layout."""
    from grsim_mm.datasets.demo import make_demo_dataset
    root = str(tmp_path_factory.mktemp('demo'))
    make_demo_dataset(root, num_train_scenes=1, num_val_scenes=1,
                      scene_size=128, tile_size=64, min_tiles=2)
    return root
