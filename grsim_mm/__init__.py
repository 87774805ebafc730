"""grsim_mm: self-supervised remote-sensing segmentation on OpenMMLab.

Importing this package registers every component into the mmpretrain and
mmsegmentation registries, so configs only need::

    custom_imports = dict(imports=['grsim_mm'], allow_failed_imports=False)
"""
from . import (apis, datasets, engine, evaluation, models,  # noqa: F401
               utils, visualization)
from .version import __version__

__all__ = ['__version__']
