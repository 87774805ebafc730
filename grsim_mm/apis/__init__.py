from .inference import (BLEND_MODES, NODATA_LABEL, blend_profile,
                        dataset_meta_from_config, find_scenes, init_segmentor,
                        predict_scene, predict_windows, window_starts,
                        write_preview)

__all__ = [
    'BLEND_MODES', 'NODATA_LABEL', 'blend_profile', 'dataset_meta_from_config',
    'find_scenes', 'init_segmentor', 'predict_scene', 'predict_windows',
    'window_starts', 'write_preview'
]
