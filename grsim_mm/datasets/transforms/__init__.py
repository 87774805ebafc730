from .geometric import RandomRot90
from .inpainting import RandomHoles
from .jigsaw import JigsawTiles, jigsaw_permutations
from .loading import LoadRasterAnnotations, LoadRasterImageFromFile
from .overlap import OverlapGrids
from .sigma_blur import RandomSigmaBlur
from .solarize import RangeSolarize
from .spectral import RandomGaussianBlur, RandomGrey, SpectralJitter
from .views import GLCViews

__all__ = [
    'LoadRasterImageFromFile', 'LoadRasterAnnotations', 'GLCViews',
    'SpectralJitter', 'RandomGrey', 'RandomGaussianBlur', 'RandomRot90',
    'RandomHoles', 'JigsawTiles', 'jigsaw_permutations', 'OverlapGrids',
    'RandomSigmaBlur', 'RangeSolarize'
]
