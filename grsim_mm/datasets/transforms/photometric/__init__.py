"""Band-agnostic radiometric augmentation, for any band count and dtype.

- :mod:`.jitter`: brightness and contrast (``SpectralJitter``,
  ``BandBrightnessContrast``);
- :mod:`.grey`: greyscale (``RandomGrey``, ``RandomMeanGrey``);
- :mod:`.blur`: blurs (``RandomGaussianBlur``, ``RandomSigmaBlur``,
  ``MeanBlur``);
- :mod:`.colour_jitter`: torchvision's colour jitter of 8-bit R, G, B
  images (``RGBColorJitter``, the MoCo views of STICL and TOV);
- :mod:`.hsv_jitter`: the GLCNet reference's HSV jitter of the R, G, B
  bands (``RGBHSVJitter``);
- :mod:`.solarize`: solarisation on the value range (``RangeSolarize``);
- :mod:`.scene_transfer`: the colours of another scene by optimal transport
  (``OTSceneTransfer``).

Transforms that need black and white (jitter, solarisation, scene transfer)
resolve them one way, :func:`..image_ops.resolve_value_range`. GLCNet's
transforms are registered in the mmseg and the mmpretrain scopes, so that
pretraining and fine-tuning pipelines use the same code; the scene-level
ones in mmpretrain's.
"""
from .blur import MeanBlur, RandomGaussianBlur, RandomSigmaBlur
from .colour_jitter import RGBColorJitter
from .grey import RandomGrey, RandomMeanGrey, band_mean_grey
from .hsv_jitter import RGBHSVJitter
from .jitter import BandBrightnessContrast, SpectralJitter
from .scene_transfer import SCENE_TRANSFER_KEY, OTSceneTransfer
from .solarize import RangeSolarize

__all__ = [
    'SpectralJitter', 'BandBrightnessContrast', 'RandomGrey',
    'RandomMeanGrey', 'band_mean_grey', 'RandomGaussianBlur',
    'RandomSigmaBlur', 'MeanBlur', 'RangeSolarize', 'OTSceneTransfer',
    'SCENE_TRANSFER_KEY', 'RGBHSVJitter', 'RGBColorJitter'
]
