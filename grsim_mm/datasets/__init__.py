from .demo import make_demo_dataset
from .geo_balanced_dataset import GeoBalancedDataset
from .geo_balanced_sampler import GeoBalancedSampler
from .presets import PRESETS, get_preset, read_class_dict
from .rsi_scene_dataset import RSISceneDataset
from .rsi_seg_dataset import RSISegDataset
from .rsi_unlabeled_dataset import RSIUnlabeledDataset
from .scene_demo import make_scene_demo_dataset
from .scene_presets import SCENE_PRESETS, get_scene_preset
from .scene_transfer_dataset import SceneTransferDataset
from .transforms import *  # noqa: F401,F403

__all__ = [
    'RSISegDataset', 'RSIUnlabeledDataset', 'PRESETS', 'get_preset',
    'read_class_dict', 'make_demo_dataset', 'RSISceneDataset',
    'SCENE_PRESETS', 'get_scene_preset', 'make_scene_demo_dataset',
    'SceneTransferDataset', 'GeoBalancedDataset', 'GeoBalancedSampler'
]
