"""Unlabelled remote-sensing images for self-supervised pretraining."""
import os.path as osp
from typing import List, Optional, Sequence

import numpy as np
from mmengine.dataset import BaseDataset
from mmengine.fileio import list_dir_or_file
from mmpretrain.registry import DATASETS, TRANSFORMS

from .band_facts import band_facts
from .layout import check_files_exist, read_name_list, split_folder
from .positions import (POTSDAM_SCENE_SIZE, POTSDAM_TILE_SIZE,
                        grid_tile_position, potsdam_tile_position)
from .raster_io import raster_shape

#: How tiles get their position (scene windows always have one).
TILE_POSITIONS = ('tile_grid', 'potsdam_grid', 'georeference')
POSITION_FIXES = dict(
    scene='draw windows from scenes (window_size=..., samples_per_epoch=...)',
    potsdam_grid="positions='potsdam_grid' for Potsdam tile names",
    tile_grid="positions='tile_grid' with tile_grid=dict(scene_size=..., "
    'tile_size=...) for {scene}_{DTYPE}__{k}.tif names',
    georeference="positions='georeference' for georeferenced tiles")


@DATASETS.register_module()
class RSIUnlabeledDataset(BaseDataset):
    """Images without labels, as tiles or as random windows of scenes.

    Tiles (``window_size`` None), one sample per file, from

    - the reference layout: ``split`` names the list
      ``{split}_{dtype}.txt`` (under ``list_dir``, default ``data_root``) of
      files in ``data_root/{train,val}_{dtype}/``;
    - or ``ann_file`` (one file name a line) with the folder
      ``data_prefix['img_path']``;
    - or every ``img_suffix`` file of ``data_prefix['img_path']``.

    Scenes (``window_size`` given): the same sources name large rasters, and
    each sample is a ``window_size`` window read from one of them, so scenes
    need no pre-tiling. An epoch has ``samples_per_epoch`` samples. Which
    scene a sample comes from is fixed at build time by a seeded draw
    weighted by scene area (every pixel is equally likely); where the window
    lies is drawn anew at every fetch with numpy's global generator, like
    mmcv's random transforms, so it follows mmengine's worker seeding and
    differs between epochs. The window goes to the loader as
    ``results['window'] = (x, y, width, height)``.

    The band facts (``num_bands``, ``bands``, ``value_range``,
    ``band_names``) go into every data_info, so the loader and the
    photometric transforms (including those of each view of
    ``PairedViews``) follow the dataset setting without restating them;
    ``band_names`` and ``value_range`` also go into the metainfo.

    Positions (for ``SamplePosition`` and ``NeighbourTiles``, see
    ``grsim_mm.datasets.positions``): every window of a scene knows its
    place (``position_source='scene'``, ``scene_key`` the scene's path,
    ``scene_window`` the window). Tiles know theirs with ``positions``:

    - ``'potsdam_grid'``: from the Potsdam name
      ``top_potsdam_{a}_{b}_{DTYPE}__{k}.tif``, tile ``k`` of scene
      ``{a}_{b}`` cut on the converter's grid (``tile_grid`` defaults to
      6000 px scenes and 256 px tiles);
    - ``'tile_grid'``: from a name ``{scene}_{DTYPE}__{k}.tif`` on the grid
      of ``tile_grid=dict(scene_size=..., tile_size=...)`` (the demo data);
    - ``'georeference'``: from each tile's own GeoTIFF georeference, read
      with the tile.

    A pipeline with a transform that needs positions the data cannot give
    (``position_sources`` of the transform) fails when the dataset is
    built, naming the dataset and what is missing.

    Args:
        split: Split name of the reference layout.
        dtype: Image folder/list suffix of the reference layout.
        list_dir: Folder of the list files (taken as given; None means
            ``data_root``).
        img_suffix: Suffix of the images when a folder is scanned.
        window_size: Side of the square windows drawn from scenes.
        samples_per_epoch: Number of windows an epoch draws.
        seed: Seed of the scene assignment of the windows.
        num_bands: Band count every image must have.
        bands: 0-based bands to read, in model order.
        value_range: ``(low, high)`` of the image values (or one pair per
            band read): white and black of photometric augmentation.
        band_names: Names of the bands read.
        positions: ``'potsdam_grid'``, ``'tile_grid'``, ``'georeference'``
            or None (tiles without positions); scene windows need none.
        tile_grid: ``dict(scene_size=..., tile_size=...)`` of the grid
            modes.
        metainfo: Dataset metainfo; ``band_names`` and ``value_range`` are
            added.
        ann_file, data_root, data_prefix, **kwargs: As in mmengine's
            ``BaseDataset``.
    """

    def __init__(self,
                 split: Optional[str] = None,
                 dtype: str = 'RGBIR',
                 list_dir: Optional[str] = None,
                 img_suffix: str = '.tif',
                 window_size: Optional[int] = None,
                 samples_per_epoch: Optional[int] = None,
                 seed: int = 0,
                 num_bands: Optional[int] = None,
                 bands: Optional[Sequence[int]] = None,
                 value_range: Optional[Sequence] = None,
                 band_names: Optional[Sequence[str]] = None,
                 positions: Optional[str] = None,
                 tile_grid: Optional[dict] = None,
                 metainfo: Optional[dict] = None,
                 ann_file: str = '',
                 data_root: str = '',
                 data_prefix: Optional[dict] = None,
                 **kwargs) -> None:
        if (window_size is None) != (samples_per_epoch is None):
            raise ValueError('window_size and samples_per_epoch go together: '
                             'both draw windows from scenes, neither reads '
                             'tiles')
        self.split = split
        self.dtype = dtype
        self.list_dir = list_dir if list_dir is not None else data_root
        self.img_suffix = img_suffix
        self.window_size = window_size
        self.samples_per_epoch = samples_per_epoch
        self.seed = seed
        self.band_facts = band_facts(num_bands, bands, value_range,
                                     band_names, type(self).__name__)
        self.positions = positions
        self.tile_grid = self._tile_grid(positions, tile_grid)
        self._check_pipeline_positions(
            kwargs.get('pipeline', ()), data_root, data_prefix, ann_file)
        metainfo = dict(metainfo or {},
                        band_names=self.band_facts['band_names'],
                        value_range=self.band_facts['value_range'])
        if split is not None:
            data_prefix = dict(img_path=f'{split_folder(split)}_{dtype}')
        super().__init__(
            ann_file=ann_file,
            metainfo=metainfo,
            data_root=data_root,
            data_prefix=data_prefix or dict(img_path=''),
            **kwargs)

    def _tile_grid(self, positions: Optional[str],
                   tile_grid: Optional[dict]) -> Optional[tuple]:
        name = type(self).__name__
        if positions is not None and positions not in TILE_POSITIONS:
            raise ValueError(f'{name}: positions={positions!r} is not one of '
                             f'{TILE_POSITIONS} (or None)')
        if positions is not None and self.window_size is not None:
            raise ValueError(
                f'{name}: positions={positions!r} is for tiles; windows drawn '
                'from scenes always know their position, drop the argument')
        if positions == 'potsdam_grid':
            grid = dict(scene_size=POTSDAM_SCENE_SIZE,
                        tile_size=POTSDAM_TILE_SIZE, **(tile_grid or {}))
        elif positions == 'tile_grid':
            if not tile_grid:
                raise ValueError(
                    f"{name}: positions='tile_grid' needs tile_grid=dict("
                    'scene_size=..., tile_size=...), how the scenes were cut')
            grid = dict(tile_grid)
        else:
            return None
        return int(grid['scene_size']), int(grid['tile_size'])

    def _check_pipeline_positions(self, pipeline: Sequence, data_root: str,
                                  data_prefix: Optional[dict],
                                  ann_file: str) -> None:
        """Fail at build time when a transform needs positions the data
        cannot give, rather than at the first sample."""
        source = 'scene' if self.window_size is not None else self.positions
        for step in pipeline:
            kind = step.get('type') if isinstance(step, dict) else type(step)
            cls = TRANSFORMS.get(kind) if isinstance(kind, str) else kind
            accepted = getattr(cls, 'position_sources', None)
            if accepted is None or source in accepted:
                continue
            if self.split is not None:
                where = osp.join(self.list_dir or '',
                                 f'{self.split}_{self.dtype}.txt')
            else:
                where = ann_file or osp.join(
                    data_root, (data_prefix or {}).get('img_path', ''))
            has = (f'positions={source!r}'
                   if source else 'tiles without positions')
            fixes = '; or '.join(POSITION_FIXES[a] for a in accepted)
            raise ValueError(
                f'{type(self).__name__} ({where}): the pipeline\'s '
                f'{cls.__name__} needs sample positions from one of '
                f'{accepted}, but the dataset has {has}. Fix: {fixes}.')

    def _tile_info(self, path: str) -> dict:
        info = dict(img_path=path, **self.band_facts)
        if self.positions is None:
            return info
        info['position_source'] = self.positions
        if self.tile_grid is not None:
            parse = (potsdam_tile_position if self.positions == 'potsdam_grid'
                     else grid_tile_position)
            tile = parse(path, *self.tile_grid)
            info.update(scene_key=tile.scene, scene_window=tile.window,
                        grid_cell=(tile.row, tile.col),
                        tile_grid=self.tile_grid)
        return info

    def _image_paths(self) -> List[str]:
        img_dir = self.data_prefix['img_path']
        if self.split is not None:
            source = osp.join(self.list_dir or '',
                              f'{self.split}_{self.dtype}.txt')
            names = read_name_list(source)
        elif self.ann_file:
            source = self.ann_file
            names = read_name_list(source)
        else:
            source = img_dir
            names = list(
                list_dir_or_file(
                    img_dir, list_dir=False, suffix=self.img_suffix))
            if not names:
                raise ValueError(f'{img_dir}: no {self.img_suffix} images '
                                 'found')
        paths = [osp.join(img_dir, name) for name in sorted(names)]
        check_files_exist(paths, source)
        return paths

    def load_data_list(self) -> List[dict]:
        paths = self._image_paths()
        if self.window_size is None:
            return [self._tile_info(path) for path in paths]
        shapes = [self._scene_shape(path) for path in paths]
        # number of window positions of each scene: uniform over pixels
        positions = np.array(
            [(h - self.window_size + 1) * (w - self.window_size + 1)
             for h, w in shapes], np.float64)
        rng = np.random.default_rng(self.seed)
        picks = rng.choice(
            len(paths), self.samples_per_epoch, p=positions / positions.sum())
        return [
            dict(img_path=paths[i], scene_shape=shapes[i],
                 position_source='scene', scene_key=paths[i],
                 **self.band_facts) for i in picks
        ]

    def _scene_shape(self, path: str) -> Sequence[int]:
        count, height, width = raster_shape(path)
        shape = (height, width)
        num_bands = self.band_facts['num_bands']
        if num_bands is not None and count != num_bands:
            raise ValueError(f'{path}: has {count} bands, but the config '
                             f'expects {num_bands}')
        if min(shape) < self.window_size:
            raise ValueError(f'{path}: scene of {shape[1]}x{shape[0]} px is '
                             f'smaller than the {self.window_size} px window')
        return shape

    def get_data_info(self, idx: int) -> dict:
        info = super().get_data_info(idx)
        if self.window_size is not None:
            h, w = info['scene_shape']
            x = np.random.randint(0, w - self.window_size + 1)
            y = np.random.randint(0, h - self.window_size + 1)
            info['window'] = (x, y, self.window_size, self.window_size)
            info['scene_window'] = info['window']
        return info
