from .geometric import RandomRot90
from .inpainting import RandomHoles
from .jigsaw import JigsawTiles, jigsaw_permutations
from .loading import LoadRasterAnnotations, LoadRasterImageFromFile
from .overlap import OverlapGrids
from .scene_geometric import RandomRot90Flip, RandomScaleAspectCrop
from .scene_photometric import BandBrightnessContrast, MeanBlur, RandomMeanGrey
from .scene_pretext import CentralMask, GreyColourPair
from .spectral import RandomGaussianBlur, RandomGrey, SpectralJitter
from .views import GLCViews

__all__ = [
    'LoadRasterImageFromFile', 'LoadRasterAnnotations', 'GLCViews',
    'SpectralJitter', 'RandomGrey', 'RandomGaussianBlur', 'RandomRot90',
    'RandomHoles', 'JigsawTiles', 'jigsaw_permutations', 'OverlapGrids',
    'RandomScaleAspectCrop', 'RandomRot90Flip', 'BandBrightnessContrast',
    'RandomMeanGrey', 'MeanBlur', 'CentralMask', 'GreyColourPair'
]
