"""The bands a model reads at inference: those its config's loader reads.

A model trained on bands ``[0, 1, 2]`` of 4-band files must see the same
bands, in the same order, when it predicts; the config states them once
(the dataset setting's ``bands``, or the loader's own ``bands``), so
inference takes them from there unless told otherwise.
"""
from typing import List, NamedTuple, Optional, Sequence

from mmengine.config import Config

#: Loaders whose ``bands`` / ``num_bands`` override the dataset's.
_LOADERS = ('LoadRasterImageFromFile', )


class BandSelection(NamedTuple):
    """Bands to read (None: all), the band count files must have (None:
    any) and where the selection comes from, for messages."""
    bands: Optional[List[int]]
    num_bands: Optional[int]
    source: str


def config_bands(cfg: Config) -> BandSelection:
    """The band selection of the first of the test, val and train loaders
    that has a dataset, as ``LoadRasterImageFromFile`` resolves it: its own
    ``bands``/``num_bands`` win over the dataset's."""
    for key in ('test_dataloader', 'val_dataloader', 'train_dataloader'):
        dataset = (cfg.get(key) or {}).get('dataset')
        while isinstance(dataset, dict) and isinstance(
                dataset.get('dataset'), dict):
            dataset = dataset['dataset']  # dataset wrappers
        if not isinstance(dataset, dict):
            continue
        bands, num_bands = dataset.get('bands'), dataset.get('num_bands')
        for step in dataset.get('pipeline') or []:
            if isinstance(step, dict) and step.get('type') in _LOADERS:
                bands = step.get('bands') or bands
                num_bands = step.get('num_bands') or num_bands
        return BandSelection(None if bands is None else list(bands),
                             num_bands, f'{key}.dataset')
    return BandSelection(None, None, 'the config')


def select_bands(cfg: Config, config_name: str,
                 bands: Optional[Sequence[int]],
                 in_channels: Optional[int]) -> BandSelection:
    """``bands`` if given (``--bands``), else the config's selection,
    checked against the model's input channels."""
    if bands is not None:
        selection = BandSelection(list(bands), None, f'--bands {list(bands)}')
        where = selection.source
    else:
        selection = config_bands(cfg)
        where = (f'{config_name} ({selection.source}.bands '
                 f'{selection.bands})')
    if (selection.bands is not None and in_channels is not None
            and len(selection.bands) != in_channels):
        raise ValueError(
            f'{where} selects {len(selection.bands)} bands but the model '
            f'takes {in_channels}; give --bands with {in_channels} 0-based '
            'band indices, or fix `bands` of the dataset setting')
    return selection


def check_scene_bands(scene: str, count: int,
                      selection: BandSelection) -> None:
    """A scene must have the band count the config's files had."""
    if selection.num_bands is not None and count != selection.num_bands:
        raise ValueError(
            f'{scene} has {count} bands but the model was trained on files '
            f'of num_bands={selection.num_bands} ({selection.source}); pass '
            '--bands to say which bands of this file to read')
