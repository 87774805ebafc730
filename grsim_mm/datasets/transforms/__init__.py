from .geometric import RandomRot90
from .loading import LoadRasterAnnotations, LoadRasterImageFromFile
from .spectral import RandomGaussianBlur, RandomGrey, SpectralJitter
from .views import GLCViews

__all__ = [
    'LoadRasterImageFromFile', 'LoadRasterAnnotations', 'GLCViews',
    'SpectralJitter', 'RandomGrey', 'RandomGaussianBlur', 'RandomRot90'
]
