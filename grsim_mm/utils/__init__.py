from .config_aliases import load_config, resolve_config
from .dataset_setting import use_dataset_setting
from .distributed import revert_sync_bn_cfg, setup_cpu_distributed
from .imagenet_backbone import ImageNetBackboneInit, checkpoint_unavailable
from .kaiming_fan_in import KaimingFanInInit
from .pretrained import PretrainedPartInit
from .pretrained_backbone import PretrainedBackboneInit, match_backbone
from .safe_load import (MMENGINE_SAFE_GLOBALS, load_local_checkpoint,
                        register_safe_checkpoint_loading)
from .stem_inflation import (inflate_state_dict_stem, inflate_stem,
                             rgb_bands_from_names)
from .tensorboard import apply_tensorboard_switch

register_safe_checkpoint_loading()

__all__ = [
    'MMENGINE_SAFE_GLOBALS', 'PretrainedPartInit', 'PretrainedBackboneInit',
    'apply_tensorboard_switch', 'match_backbone', 'load_local_checkpoint',
    'KaimingFanInInit', 'ImageNetBackboneInit', 'checkpoint_unavailable',
    'register_safe_checkpoint_loading', 'revert_sync_bn_cfg',
    'setup_cpu_distributed', 'use_dataset_setting', 'resolve_config',
    'load_config', 'inflate_stem', 'inflate_state_dict_stem',
    'rgb_bands_from_names'
]
