"""Raster loading transforms built on rasterio.

Remote-sensing tiles have any number of bands and any dtype (uint8, uint16,
float32), often carry a nodata value and georeferencing, and are frequently
read as windows of a much larger scene. mmcv's image loaders assume 1- or
3-band 8-bit pictures, so these two transforms replace ``LoadImageFromFile``
and ``LoadAnnotations`` for raster data. Both are registered in the mmseg
*and* the mmpretrain scopes so that fine-tuning and pretraining pipelines use
the same reader.

Conventions:

- ``bands`` are **0-based** indices into the file's bands (``bands=[3, 0, 1]``
  gives NIR, R, G for an R, G, B, NIR file), like the axis of the numpy array
  that comes out, not rasterio's 1-based band numbers.
- A window is ``(x, y, width, height)`` in pixels of the full raster, with
  ``x`` the column and ``y`` the row offset (rasterio's ``Window`` order).
  ``results['window']`` (set per sample by a dataset) takes precedence over
  the transform's ``window`` argument.
- Images stay in their native dtype, laid out HWC.
- Labels are 2-D uint8 class indices; 255 is the ignore index.
"""
from typing import Dict, Optional, Sequence

import numpy as np
from mmcv.transforms import BaseTransform
from mmpretrain.registry import TRANSFORMS as PRETRAIN_TRANSFORMS
from mmseg.registry import TRANSFORMS as SEG_TRANSFORMS

from ..colour_decoder import ColourDecoder, pack_rgb
from ..raster_io import nodata_mask, read_raster


@SEG_TRANSFORMS.register_module()
@PRETRAIN_TRANSFORMS.register_module()
class LoadRasterImageFromFile(BaseTransform):
    """Load a multi-band raster image with rasterio.

    Required keys: ``img_path``. Optional: ``window``, ``num_bands``,
    ``bands`` (the datasets put their band facts there; the transform's own
    arguments win).

    Added keys: ``img`` (HWC, native dtype unless ``to_float32``),
    ``img_shape``, ``ori_shape``, ``crs``, ``geo_transform``, ``window``
    (the window read, if any, so the label is read alike) and, if the file
    (or ``nodata``) defines a nodata value, ``nodata_mask`` (bool HW, True
    where every band is nodata) which ``LoadRasterAnnotations`` turns into
    the ignore index.

    Args:
        bands: 0-based indices of the bands to keep, in output order; None
            takes ``results['bands']``, else all bands.
        num_bands: Band count every file must have (checked before band
            selection); None takes ``results['num_bands']``, else accepts
            any count.
        window: Default ``(x, y, width, height)`` window to read.
        to_float32: Convert the image to float32.
        nodata: Override of the files' nodata value.
    """

    def __init__(self,
                 bands: Optional[Sequence[int]] = None,
                 num_bands: Optional[int] = None,
                 window: Optional[Sequence[int]] = None,
                 to_float32: bool = False,
                 nodata: Optional[float] = None) -> None:
        self.bands = list(bands) if bands is not None else None
        self.num_bands = num_bands
        self.window = tuple(window) if window is not None else None
        self.to_float32 = to_float32
        self.nodata = nodata

    def transform(self, results: dict) -> dict:
        window = results.get('window', self.window)
        bands = self.bands if self.bands is not None else results.get('bands')
        num_bands = (self.num_bands if self.num_bands is not None else
                     results.get('num_bands'))
        data, meta = read_raster(results['img_path'], bands, window,
                                 num_bands)
        nodata = self.nodata if self.nodata is not None else meta['nodata']
        if nodata is not None:
            results['nodata_mask'] = nodata_mask(data, nodata)
        img = np.ascontiguousarray(data.transpose(1, 2, 0))
        if self.to_float32:
            img = img.astype(np.float32)
        results['img'] = img
        results['img_shape'] = img.shape[:2]
        results['ori_shape'] = img.shape[:2]
        results['crs'] = meta['crs']
        results['geo_transform'] = meta['geo_transform']
        if window is not None:
            # the label loader reads the same window
            results['window'] = tuple(window)
        return results

    def __repr__(self) -> str:
        return (f'{self.__class__.__name__}(bands={self.bands}, '
                f'num_bands={self.num_bands}, window={self.window}, '
                f'to_float32={self.to_float32}, nodata={self.nodata})')


@SEG_TRANSFORMS.register_module()
@PRETRAIN_TRANSFORMS.register_module()
class LoadRasterAnnotations(BaseTransform):
    """Load a segmentation label raster: colour-coded RGB or class indices.

    A 1-band label holds class indices. A 3-band (or RGBA) label is decoded
    with the class colours, given here or per sample in
    ``results['label_colours']`` (``RSISegDataset`` fills it from its
    palette). Pixels with a colour that is not a class are never silently a
    class: by default they raise an error naming the file and the colours,
    with ``unknown_colour='ignore'`` they become ``ignore_index``. Label
    nodata pixels and image nodata pixels (``results['nodata_mask']``)
    become ``ignore_index`` too. ``reduce_zero_label`` and ``label_map`` are
    applied as in mmseg's ``LoadAnnotations``. With a class count (given,
    or ``results['num_classes']``, which ``RSISegDataset`` fills from its
    classes) every final label value must be a class or ``ignore_index``:
    anything else is an error naming the file and the values, here rather
    than as an index error inside the loss (a device-side assert on a GPU).

    Required keys: ``seg_map_path``. Optional: ``window``, ``img_shape``,
    ``label_colours``, ``nodata_mask``, ``reduce_zero_label``, ``label_map``,
    ``num_classes``.

    Added keys: ``gt_seg_map`` (uint8 HW), ``seg_fields``.

    Args:
        colours: RGB colour of each class, in class order.
        unknown_colour: ``'error'`` or ``'ignore'``.
        nodata: Override of the label files' nodata value.
        ignore_index: Value for pixels that are not scored.
        reduce_zero_label: As in mmseg; None takes it from the results.
        num_classes: Class count the labels are checked against; None takes
            ``results['num_classes']``, else nothing is checked.
    """

    def __init__(self,
                 colours: Optional[Sequence[Sequence[int]]] = None,
                 unknown_colour: str = 'error',
                 nodata: Optional[float] = None,
                 ignore_index: int = 255,
                 reduce_zero_label: Optional[bool] = None,
                 num_classes: Optional[int] = None) -> None:
        if unknown_colour not in ('error', 'ignore'):
            raise ValueError("unknown_colour must be 'error' or 'ignore', "
                             f'got {unknown_colour!r}')
        self.decoder = ColourDecoder(colours) if colours is not None else None
        self.unknown_colour = unknown_colour
        self.nodata = nodata
        self.ignore_index = ignore_index
        self.reduce_zero_label = reduce_zero_label
        self.num_classes = num_classes
        self._decoders: Dict[tuple, ColourDecoder] = {}

    def _decoder_for(self, results: dict) -> Optional[ColourDecoder]:
        if self.decoder is not None:
            return self.decoder
        colours = results.get('label_colours')
        if not colours:
            return None
        key = tuple(tuple(int(v) for v in c) for c in colours)
        if key not in self._decoders:
            self._decoders[key] = ColourDecoder(key)
        return self._decoders[key]

    def _decode(self, data: np.ndarray, path: str, results: dict) -> tuple:
        if data.shape[0] == 1:
            label = data[0]
            if not np.issubdtype(label.dtype, np.integer):
                raise ValueError(f'{path}: index label has non-integer dtype '
                                 f'{label.dtype}')
            if label.min() < 0 or label.max() > 255:
                raise ValueError(
                    f'{path}: index label values {label.min()}..'
                    f'{label.max()} do not fit the 0..255 class range')
            return label.astype(np.uint8), None
        if data.shape[0] not in (3, 4) or data.dtype != np.uint8:
            raise ValueError(
                f'{path}: label has {data.shape[0]} bands of {data.dtype}; '
                'expected 1 band of class indices or 3 uint8 RGB bands')
        decoder = self._decoder_for(results)
        if decoder is None:
            raise ValueError(f'{path}: colour-coded label, but no class '
                             'colours are configured')
        label, unknown = decoder(data[:3], self.ignore_index)
        if self.unknown_colour == 'error' and unknown.any():
            found = np.unique(
                pack_rgb(data[0][unknown], data[1][unknown],
                          data[2][unknown]))
            shown = [((int(k) >> 16) & 255, (int(k) >> 8) & 255, int(k) & 255)
                     for k in found[:5]]
            more = f' and {len(found) - 5} more' if len(found) > 5 else ''
            raise ValueError(
                f'{path}: {int(unknown.sum())} pixels have colours that are '
                f'not in the class dictionary: RGB {shown}{more} (use '
                "unknown_colour='ignore' to map them to the ignore index)")
        return label, unknown

    def transform(self, results: dict) -> dict:
        path = results['seg_map_path']
        data, meta = read_raster(path, window=results.get('window'))
        label, _ = self._decode(data, path, results)
        img_shape = results.get('img_shape')
        if img_shape is not None and tuple(img_shape[:2]) != label.shape:
            raise ValueError(
                f'{path}: label size {label.shape} differs from the image '
                f"size {tuple(img_shape[:2])} of {results.get('img_path')}")
        nodata = self.nodata if self.nodata is not None else meta['nodata']
        if nodata is not None:
            label[nodata_mask(data, nodata)] = self.ignore_index
        reduce_zero_label = self.reduce_zero_label
        if reduce_zero_label is None:
            reduce_zero_label = results.get('reduce_zero_label', False)
        if reduce_zero_label:
            label[label == 0] = 255
            label = label - 1
            label[label == 254] = 255
        label_map = results.get('label_map')
        if label_map:
            mapped = label.copy()
            for old_id, new_id in label_map.items():
                mapped[label == old_id] = new_id
            label = mapped
        if 'nodata_mask' in results:
            label[results['nodata_mask']] = self.ignore_index
        num_classes = (self.num_classes if self.num_classes is not None else
                       results.get('num_classes'))
        if num_classes is not None:
            self._check_classes(label, num_classes, path)
        results['gt_seg_map'] = label
        results.setdefault('seg_fields', []).append('gt_seg_map')
        return results

    def _check_classes(self, label: np.ndarray, num_classes: int,
                       path: str) -> None:
        counts = np.bincount(label.ravel(), minlength=256)
        counts[self.ignore_index] = 0
        wrong = np.flatnonzero(counts[num_classes:]) + num_classes
        if wrong.size == 0:
            return
        shown = ', '.join(f'{v} ({counts[v]} px)' for v in wrong[:8])
        more = f' and {wrong.size - 8} more' if wrong.size > 8 else ''
        raise ValueError(
            f'{path}: label values {shown}{more} are neither one of the '
            f'{num_classes} classes (0..{num_classes - 1}) nor the ignore '
            f'index {self.ignore_index}. Check the label file, the classes '
            'of the dataset setting, reduce_zero_label (labels that count '
            'from 1 with 0 as no-data) and label_map.')

    def __repr__(self) -> str:
        colours = self.decoder.colours if self.decoder is not None else None
        return (f'{self.__class__.__name__}(colours={colours}, '
                f'unknown_colour={self.unknown_colour!r}, '
                f'nodata={self.nodata}, ignore_index={self.ignore_index}, '
                f'reduce_zero_label={self.reduce_zero_label}, '
                f'num_classes={self.num_classes})')
