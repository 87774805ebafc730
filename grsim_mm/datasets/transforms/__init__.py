"""Data transforms, grouped by role as in mmseg and mmpretrain.

- :mod:`.loading`: rasters and labels from disk;
- :mod:`.geometric`: geometric augmentation (right-angle rotations, the
  fine-tuning warp, the scene views' crops, flips and rotations);
- :mod:`.photometric`: band-agnostic radiometric augmentation (jitter,
  grey, blur, solarisation, scene transfer);
- :mod:`.pretext`: inputs and targets of the pretext tasks;
- :mod:`.sample_position`, :mod:`.neighbour_tiles`: where a sample lies
  and the windows around it (position-aware methods);
- :mod:`.two_view`: the two pretraining views, their matched windows and
  overlap grids;
- :mod:`.image_ops`: the array operations the transforms share.
"""
from .geometric import (RandomRot90, RandomRot90Flip, RandomScaleAspectCrop,
                        RandomShiftScaleAspect, SceneResize)
from .loading import LoadRasterAnnotations, LoadRasterImageFromFile
from .neighbour_tiles import NeighbourTiles
from .photometric import (BandBrightnessContrast, MeanBlur, OTSceneTransfer,
                          RandomGaussianBlur, RandomGrey, RandomMeanGrey,
                          RandomSigmaBlur, RangeSolarize, RGBHSVJitter,
                          SpectralJitter)
from .pretext import (CentralMask, GreyColourPair, JigsawTiles, RandomHoles,
                      jigsaw_permutations)
from .sample_position import SamplePosition
from .two_view import GLCViews, OverlapGrids, PairedViews

__all__ = [
    'LoadRasterImageFromFile', 'LoadRasterAnnotations', 'PairedViews',
    'GLCViews', 'SpectralJitter', 'RandomGrey', 'RandomGaussianBlur',
    'RandomRot90', 'RandomShiftScaleAspect', 'RandomHoles', 'JigsawTiles',
    'jigsaw_permutations',
    'OverlapGrids', 'RandomScaleAspectCrop', 'RandomRot90Flip', 'SceneResize',
    'BandBrightnessContrast', 'RandomMeanGrey', 'MeanBlur', 'CentralMask',
    'GreyColourPair', 'OTSceneTransfer', 'RandomSigmaBlur', 'RangeSolarize',
    'RGBHSVJitter', 'SamplePosition', 'NeighbourTiles'
]
