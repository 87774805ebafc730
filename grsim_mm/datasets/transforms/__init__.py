"""Data transforms, grouped by role as in mmseg and mmpretrain.

- :mod:`.loading`: rasters and labels from disk;
- :mod:`.geometric`: grid-preserving geometric augmentation;
- :mod:`.photometric`: band-agnostic radiometric augmentation;
- :mod:`.pretext`: inputs and targets of the pretext-task baselines;
- :mod:`.two_view`: the two pretraining views, their matched windows and
  overlap grids;
- :mod:`.image_ops`: the array operations the transforms share.
"""
from .geometric import RandomRot90
from .loading import LoadRasterAnnotations, LoadRasterImageFromFile
from .ot_scene_transfer import OTSceneTransfer
from .photometric import RandomGaussianBlur, RandomGrey, SpectralJitter
from .pretext import JigsawTiles, RandomHoles, jigsaw_permutations
from .scene_geometric import (RandomRot90Flip, RandomScaleAspectCrop,
                              SceneResize)
from .scene_photometric import BandBrightnessContrast, MeanBlur, RandomMeanGrey
from .scene_pretext import CentralMask, GreyColourPair
from .sigma_blur import RandomSigmaBlur
from .solarize import RangeSolarize
from .two_view import GLCViews, OverlapGrids, PairedViews

__all__ = [
    'LoadRasterImageFromFile', 'LoadRasterAnnotations', 'PairedViews',
    'GLCViews', 'SpectralJitter', 'RandomGrey', 'RandomGaussianBlur',
    'RandomRot90', 'RandomHoles', 'JigsawTiles', 'jigsaw_permutations',
    'OverlapGrids', 'RandomScaleAspectCrop', 'RandomRot90Flip', 'SceneResize',
    'BandBrightnessContrast', 'RandomMeanGrey', 'MeanBlur', 'CentralMask',
    'GreyColourPair', 'OTSceneTransfer', 'RandomSigmaBlur', 'RangeSolarize'
]
