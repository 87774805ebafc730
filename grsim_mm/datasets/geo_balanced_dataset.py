"""Windows of large scenes, balanced over the classes of a guide raster."""
import os.path as osp
from typing import List, Mapping, Optional, Sequence

from mmengine.logging import print_log
from mmpretrain.registry import DATASETS

from .geo_balanced_sampler import GeoBalancedSampler
from .rsi_unlabeled_dataset import RSIUnlabeledDataset


@DATASETS.register_module()
class GeoBalancedDataset(RSIUnlabeledDataset):
    """Pretraining windows drawn from scenes by :class:`GeoBalancedSampler`.

    A dataset rather than an mmengine sampler: a sampler only hands out
    indices, in the main process, while a window's position has to reach
    the loader through ``results['window']``, which the dataset writes.
    Like the scene mode of :class:`RSIUnlabeledDataset` (whose scene
    listing, arguments and per-sample fields this class keeps), an epoch has
    ``samples_per_epoch`` samples and every fetch draws a fresh window with
    numpy's global generator, so draws follow mmengine's worker seeding;
    here the draw is class-balanced instead of uniform over pixels. The
    guide class of the window is added as ``results['guide_class']``.

    Args:
        guide: A guide raster serving every scene (georeferenced: warped
            onto each scene's grid), or a folder with one guide per scene
            under the scene's file name (optionally with ``guide_suffix``
            instead of the scene's suffix).
        window_size: Side of the square windows.
        samples_per_epoch: Windows an epoch draws.
        class_weights: ``{guide value: weight}``, None for equal weights.
        cell_size, ignore_values, min_valid: See
            :class:`GeoBalancedSampler`.
        guide_suffix: Suffix of the per-scene guides in a guide folder.
        **kwargs: As :class:`RSIUnlabeledDataset` (``data_prefix``,
            ``ann_file``, ``split``, ``pipeline``, ...).
    """

    def __init__(self,
                 guide: str,
                 window_size: int,
                 samples_per_epoch: int,
                 class_weights: Optional[Mapping[int, float]] = None,
                 cell_size: Optional[int] = None,
                 ignore_values: Sequence[int] = (),
                 min_valid: float = 0.5,
                 guide_suffix: Optional[str] = None,
                 **kwargs) -> None:
        self.guide = guide
        self.class_weights = class_weights
        self.cell_size = cell_size
        self.ignore_values = tuple(ignore_values)
        self.min_valid = min_valid
        self.guide_suffix = guide_suffix
        self.sampler: Optional[GeoBalancedSampler] = None
        super().__init__(window_size=window_size,
                         samples_per_epoch=samples_per_epoch,
                         **kwargs)

    def _guide_for(self, scene: str) -> str:
        if not osp.isdir(self.guide):
            return self.guide
        name = osp.basename(scene)
        if self.guide_suffix is not None:
            name = osp.splitext(name)[0] + self.guide_suffix
        path = osp.join(self.guide, name)
        if not osp.isfile(path):
            raise FileNotFoundError(
                f'{path}: no guide for scene {scene} in the guide folder '
                f'{self.guide}')
        return path

    def load_data_list(self) -> List[dict]:
        data_list = super().load_data_list()
        scenes = self._image_paths()
        self.sampler = GeoBalancedSampler(scenes,
                                          [self._guide_for(s) for s in scenes],
                                          self.window_size,
                                          cell_size=self.cell_size,
                                          class_weights=self.class_weights,
                                          ignore_values=self.ignore_values,
                                          min_valid=self.min_valid)
        print_log('GeoBalancedDataset: candidate windows per guide class\n' +
                  self.sampler.summary(),
                  logger='current')
        return data_list

    def get_data_info(self, idx: int) -> dict:
        info = super().get_data_info(idx)
        draw = self.sampler.draw(1)
        scene = int(draw['scene'][0])
        size = self.window_size
        info['img_path'] = self.sampler.scenes[scene]
        info['scene_shape'] = self.sampler.scene_shapes[scene]
        info['window'] = (int(draw['x'][0]), int(draw['y'][0]), size, size)
        info['guide_class'] = int(draw['cls'][0])
        return info
