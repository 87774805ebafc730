"""Inference: a trained segmentor over scenes of any size.

The model side lives in :mod:`.inference`, the weighting of overlapping
windows in :mod:`.blending`, and every raster read and write in
:mod:`grsim_mm.datasets.raster_io`; :func:`find_scenes` is re-exported here
because scripts that predict take scene names, and :func:`read_class_names`
because they read the class names back from a map.
"""
from ..datasets.class_maps import read_class_names
from ..datasets.raster_io import SCENE_SUFFIXES, find_scenes
from .blending import BLEND_MODES, blend_profile, window_starts
from .inference import (NODATA_LABEL, dataset_meta_from_config,
                        init_segmentor, predict_scene, predict_windows,
                        write_preview)

__all__ = [
    'BLEND_MODES', 'NODATA_LABEL', 'SCENE_SUFFIXES', 'blend_profile',
    'dataset_meta_from_config', 'find_scenes', 'init_segmentor',
    'predict_scene', 'predict_windows', 'read_class_names', 'window_starts',
    'write_preview'
]
