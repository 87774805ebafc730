"""Put a config's method on the data of another dataset setting.

A dataset setting (``configs/_base_/datasets/<name>.py``) states a dataset's
facts once: bands, statistics, value range, classes, folders and loaders.
Method configs inherit one. To try a method on another dataset without
writing a config, :func:`use_dataset_setting` swaps the setting in:

- a **pretraining** config (an unlabelled train loader and no validation)
  takes the setting's data preprocessor and its train loader (dataset,
  batch size, workers), and keeps its own pipeline: the method's views;
- a **segmentation** config takes the setting's data preprocessor (the model
  holds a copy, so that inference built from ``cfg.model`` alone normalises
  too), its loaders with their pipelines, its evaluators and its class
  count for the decode head;
- a **scene-classification** config (a model without decode head) takes
  the setting's preprocessor, which carries the class count, its loaders
  and its evaluators, and keeps its own training pipeline: the protocol's
  augmentation (RSISC's or TOV's), which resizes to the new dataset's input
  size by itself.

The band count then follows by itself: the model takes it from the data
preprocessor, the loader and the photometric transforms from the dataset.
``tools/train.py CONFIG --dataset SETTING`` does the same from the command
line.
"""
import copy
from typing import Union

from mmengine.config import Config, ConfigDict

LOADERS = ('train_dataloader', 'val_dataloader', 'test_dataloader')
EVALUATORS = ('val_evaluator', 'test_evaluator')


def _load(setting: Union[str, Config]) -> Config:
    return setting if isinstance(setting, Config) else Config.fromfile(
        setting)


def is_pretraining(cfg: Config) -> bool:
    """A pretraining config trains on unlabelled data and validates
    nothing."""
    dataset = cfg.get('train_dataloader', {}).get('dataset', {})
    return cfg.get('val_dataloader') is None and dataset.get(
        'type') != 'RSISegDataset'


def use_dataset_setting(cfg: Config, setting: Union[str, Config]) -> Config:
    """Return a copy of ``cfg`` whose dataset is the one of ``setting``.

    Args:
        cfg: A pretraining or segmentation config.
        setting: A dataset setting (path or loaded config): a pretraining
            setting (``*_pretrain.py``) for a pretraining config, a
            segmentation setting for a segmentation config.

    Raises:
        ValueError: The setting's kind does not match the config's, or the
            setting lacks what the config needs.
    """
    setting = _load(setting)
    name = setting.filename or 'the dataset setting'
    if 'data_preprocessor' not in setting:
        raise ValueError(f'{name}: a dataset setting defines '
                         'data_preprocessor (per-band mean and std)')
    out = copy.deepcopy(cfg)
    preprocessor = copy.deepcopy(setting.data_preprocessor)
    out.data_preprocessor = preprocessor
    if 'data_preprocessor' in out.get('model', {}):
        out.model.data_preprocessor = copy.deepcopy(preprocessor)
    if is_pretraining(cfg):
        if not is_pretraining(setting):
            raise ValueError(
                f'{name} is a segmentation setting, but the config '
                'pretrains: use the pretraining setting of that dataset '
                '(<name>_pretrain.py)')
        loader = ConfigDict(copy.deepcopy(setting.train_dataloader))
        loader.dataset.pipeline = copy.deepcopy(
            cfg.train_dataloader.dataset.pipeline)
        out.train_dataloader = loader
        return out
    if is_pretraining(setting):
        raise ValueError(f'{name} is a pretraining setting, but the config '
                         'trains on labels: use the labelled setting of '
                         'that dataset')
    if 'decode_head' not in out.get('model', {}):
        return _use_scene_setting(cfg, out, setting)
    if 'num_classes' not in setting:
        raise ValueError(f'{name}: a segmentation setting defines '
                         'num_classes')
    for key in LOADERS:
        out[key] = copy.deepcopy(setting.get(key))
    for key in EVALUATORS:
        if key in setting:
            out[key] = copy.deepcopy(setting[key])
    out.model.decode_head.num_classes = setting.num_classes
    return out


def _use_scene_setting(cfg: Config, out: Config, setting: Config) -> Config:
    """The classification case of :func:`use_dataset_setting`."""
    name = setting.filename or 'the dataset setting'
    if setting.get('train_dataloader', {}).get('dataset', {}).get(
            'type') != 'RSISceneDataset':
        raise ValueError(f'{name} is not a scene-classification setting '
                         '(its train loader reads no RSISceneDataset)')
    for key in (*LOADERS, *EVALUATORS):
        out[key] = copy.deepcopy(setting.get(key))
    pipeline = cfg.train_dataloader.dataset.get('pipeline')
    if pipeline is not None:
        out.train_dataloader.dataset.pipeline = copy.deepcopy(pipeline)
    return out
