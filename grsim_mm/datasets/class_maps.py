"""Class maps on disk: label rasters that carry their colours and names.

A predicted map is a single-band uint8 raster of class indices. So that a
GIS shows it in the dataset's colours and a user or a script can tell what
index 3 means without the config, a GeoTIFF map gets

- the palette as its **colour table** (index -> RGBA), the nodata label
  transparent;
- the class names as **band metadata**: a ``class_<index>`` item per class
  (``gdalinfo`` lists them, :func:`read_class_names` and rasterio's
  ``tags(1)`` read them back), stored in the GeoTIFF itself.

A raster attribute table or GDAL category names would be the richer
carrier, but rasterio has no call that writes either, GDAL's Python
bindings are not part of the stack, and the GeoTIFF driver keeps both only
in a ``.aux.xml`` file beside the map, which is lost when the map is copied
alone; band metadata travels inside the file.

Maps of inputs without georeference are written as plain PNG label maps
(one band of indices, as mmseg writes them), readable by any image library.
"""
import os.path as osp
from typing import Dict, Optional, Sequence

import numpy as np
from affine import Affine
from rasterio.io import DatasetWriter

from .raster_io import GeoTransform, create_raster, open_raster, write_raster

#: Band metadata key of a class name: ``class_<index>``.
CLASS_NAME_KEY = 'class_{}'


def colour_table(palette: Sequence[Sequence[int]], nodata_label: int,
                 offset: int = 0) -> Dict[int, tuple]:
    """GDAL colour table of a palette: index ``offset + i`` has colour
    ``i`` (opaque), ``nodata_label`` is transparent."""
    table = {offset + i: (*(int(v) for v in colour[:3]), 255)
             for i, colour in enumerate(palette)}
    if nodata_label in table:
        raise ValueError(f'{len(palette)} classes (from index {offset}) '
                         f'reach the nodata label {nodata_label}')
    table[nodata_label] = (0, 0, 0, 0)
    return table


def write_class_table(dst: DatasetWriter,
                      classes: Optional[Sequence[str]],
                      palette: Sequence[Sequence[int]],
                      nodata_label: int = 255,
                      offset: int = 0) -> None:
    """Give band 1 of an open single-band map its colour table and, when
    ``classes`` are known, their names (see the module docstring)."""
    dst.write_colormap(1, colour_table(palette, nodata_label, offset))
    dst.set_band_description(1, 'class')
    if classes:
        dst.update_tags(1, **{CLASS_NAME_KEY.format(offset + i): str(name)
                              for i, name in enumerate(classes)})


def read_class_names(path: str) -> Dict[int, str]:
    """``{index: name}`` of a map written with :func:`write_class_table`
    (empty for a map without names)."""
    prefix = CLASS_NAME_KEY.format('')
    with open_raster(path) as src:
        tags = src.tags(1)
    return {int(key[len(prefix):]): name for key, name in tags.items()
            if key.startswith(prefix) and key[len(prefix):].isdigit()}


def class_map_suffix(crs: Optional[str], geo: Optional[GeoTransform]) -> str:
    """``'.tif'`` for a georeferenced map, ``'.png'`` otherwise."""
    return '.tif' if crs is not None or geo is not None else '.png'


def write_class_map(path: str,
                    labels: np.ndarray,
                    classes: Optional[Sequence[str]],
                    palette: Sequence[Sequence[int]],
                    crs: Optional[str] = None,
                    geo: Optional[GeoTransform] = None,
                    nodata_label: int = 255,
                    offset: int = 0) -> None:
    """Write an ``(H, W)`` map of class indices.

    With a ``crs`` or ``geo`` transform: a tiled, LZW-compressed GeoTIFF
    with that georeference, ``nodata_label`` as nodata, the colour table
    and the class names. Otherwise a plain single-band PNG of the indices.
    ``offset`` is the index of the first class (1 when the dataset reduced
    a zero label).
    """
    labels = np.asarray(labels)
    if labels.ndim != 2:
        raise ValueError(f'{path}: a class map is (H, W), got shape '
                         f'{labels.shape}')
    if labels.size and (labels.min() < 0 or labels.max() > 255):
        raise ValueError(f'{path}: class indices {labels.min()}..'
                         f'{labels.max()} do not fit a uint8 map')
    labels = labels.astype(np.uint8)
    if class_map_suffix(crs, geo) == '.png':
        write_raster(path, labels[None], driver='PNG')
        return
    height, width = labels.shape
    profile = dict(driver='GTiff', width=width, height=height, count=1,
                   dtype='uint8', nodata=nodata_label, compress='lzw')
    if height >= 256 and width >= 256:
        profile.update(tiled=True, blockxsize=256, blockysize=256)
    if crs is not None:
        profile['crs'] = crs
    if geo is not None:
        profile['transform'] = Affine(*geo)
    with create_raster(osp.abspath(path), profile) as dst:
        dst.write(labels, 1)
        write_class_table(dst, classes, palette, nodata_label, offset)
