"""mmseg's segmentation visualizer for images of any band count and dtype."""
from typing import Optional, Sequence

import numpy as np
from mmengine.dist import master_only
from mmseg.registry import VISUALIZERS
from mmseg.visualization import SegLocalVisualizer

from .display import DEFAULT_PERCENTILES, display_rgb


@VISUALIZERS.register_module()
class RSISegLocalVisualizer(SegLocalVisualizer):
    """Paint labels and predictions over multispectral tiles.

    :class:`SegLocalVisualizer` blends the class colours into an 8-bit RGB
    picture. This subclass first turns the image it is given, ``(H, W, C)``
    in any dtype, into that picture with :func:`display_rgb`: the bands
    named red, green and blue in the dataset's ``band_names`` (the Runner's
    loops put the dataset metainfo into ``dataset_meta``), else the first
    three, or ``rgb_bands``; each stretched between its own percentiles.

    Args:
        rgb_bands: 0-based bands of the image shown as red, green and blue,
            e.g. ``(3, 0, 1)`` for NIR-R-G false colour; None chooses by
            band name.
        percentiles: Lower and upper percentile of the per-band stretch.
        **kwargs: As :class:`SegLocalVisualizer` (``name``,
            ``vis_backends``, ``save_dir``, ``alpha``, ...).
    """

    def __init__(self,
                 name: str = 'visualizer',
                 rgb_bands: Optional[Sequence[int]] = None,
                 percentiles: Sequence[float] = DEFAULT_PERCENTILES,
                 **kwargs) -> None:
        super().__init__(name=name, **kwargs)
        self.rgb_bands = None if rgb_bands is None else tuple(rgb_bands)
        self.percentiles = tuple(percentiles)

    def display_image(self, image: np.ndarray,
                      valid: Optional[np.ndarray] = None) -> np.ndarray:
        """The 8-bit RGB picture of an image of the dataset's bands."""
        band_names = (self.dataset_meta or {}).get('band_names')
        return display_rgb(image, band_names, self.rgb_bands,
                           self.percentiles, valid)

    @master_only
    def add_datasample(self,
                       name: str,
                       image: np.ndarray,
                       data_sample=None,
                       *args,
                       valid_mask: Optional[np.ndarray] = None,
                       **kwargs) -> None:
        """:meth:`SegLocalVisualizer.add_datasample` on the display picture
        of ``image``; ``valid_mask`` (True where the image holds data)
        keeps nodata out of the stretch."""
        super().add_datasample(name, self.display_image(image, valid_mask),
                               data_sample, *args, **kwargs)
