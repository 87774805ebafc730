"""The one door to rasterio: reading rasters and windows, nodata masks and
the colour decoder of colour-coded labels.

Every reader of the package goes through here, so that band conventions
(0-based ``bands``), window checks, the handling of rasterio's warnings and
the error messages (which always name the file) are the same everywhere.

Conventions:

- ``bands`` are **0-based** indices into the file's bands, like the axis of
  the numpy array that comes out, not rasterio's 1-based band numbers.
- A window is ``(x, y, width, height)`` in pixels of the full raster, with
  ``x`` the column and ``y`` the row offset (rasterio's ``Window`` order).

GDAL 3.10 decodes whole PNG images through a fast path that returns garbage
instead of an error for a truncated file; it is switched off here (unless
the user set it) so that a truncated PNG fails like a truncated JPEG or TIFF.
"""
import os
import os.path as osp
import warnings
from typing import Dict, Optional, Sequence, Tuple, Union

import numpy as np
import rasterio
from rasterio.errors import NotGeoreferencedWarning, RasterioError
from rasterio.windows import Window

WindowLike = Union[Sequence[int], Window]

os.environ.setdefault('GDAL_PNG_WHOLE_IMAGE_OPTIM', 'NO')


def _as_window(window: Optional[WindowLike], width: int, height: int,
               path: str) -> Optional[Window]:
    """Turn ``(x, y, w, h)`` into a rasterio window that lies inside the
    raster; reading past the border would silently return a smaller array."""
    if window is None:
        return None
    if not isinstance(window, Window):
        x, y, w, h = (int(v) for v in window)
        window = Window(x, y, w, h)
    x, y = int(window.col_off), int(window.row_off)
    w, h = int(window.width), int(window.height)
    if w <= 0 or h <= 0 or x < 0 or y < 0 or x + w > width or y + h > height:
        raise ValueError(f'{path}: window (x={x}, y={y}, w={w}, h={h}) is '
                         f'outside the raster of {width}x{height} px')
    return Window(x, y, w, h)


def read_raster(path: str,
                bands: Optional[Sequence[int]] = None,
                window: Optional[WindowLike] = None,
                num_bands: Optional[int] = None) -> Tuple[np.ndarray, Dict]:
    """Read a raster as a ``(C, H, W)`` array in its native dtype.

    Args:
        path: File to read.
        bands: 0-based band indices to read, in this order. None reads all.
        window: Optional ``(x, y, width, height)`` window.
        num_bands: If given, the band count the file must have.

    Returns:
        The array and a dict with ``nodata`` (the file's nodata value or
        None), ``crs`` (WKT string or None) and ``geo_transform`` (the affine
        coefficients ``(a, b, c, d, e, f)`` of the pixels read, or None for
        files without georeference).

    Raises:
        FileNotFoundError: The file does not exist.
        OSError: The file is not a readable raster (corrupt or truncated).
        ValueError: Band count, band selection or window do not fit the file.
    """
    with _open(path) as src:
        if num_bands is not None and src.count != num_bands:
            raise ValueError(f'{path}: has {src.count} bands, but the config '
                             f'expects {num_bands}')
        if bands is None:
            indexes = list(range(1, src.count + 1))
        else:
            bad = [b for b in bands if not 0 <= b < src.count]
            if bad:
                raise ValueError(
                    f'{path}: band indices {bad} do not exist in a file with '
                    f'{src.count} bands (indices are 0-based)')
            indexes = [b + 1 for b in bands]
        win = _as_window(window, src.width, src.height, path)
        try:
            data = src.read(indexes, window=win)
        except RasterioError as e:
            raise OSError(f'{path}: corrupt or truncated raster, reading '
                          f'failed ({e})') from e
        georeferenced = src.crs is not None or not src.transform.is_identity
        geo = src.window_transform(win) if win is not None else src.transform
        meta = dict(
            nodata=src.nodata,
            crs=src.crs.to_wkt() if src.crs is not None else None,
            geo_transform=tuple(geo)[:6] if georeferenced else None)
    return data, meta


def _open(path: str):
    """Open a raster for reading; errors name the file."""
    try:
        # Plain TIFF tiles carry no georeference; no warning per read.
        with warnings.catch_warnings():
            warnings.simplefilter('ignore', NotGeoreferencedWarning)
            return rasterio.open(path)
    except RasterioError as e:
        if not osp.exists(path):
            raise FileNotFoundError(f'{path}: file not found') from e
        raise OSError(f'{path}: not a readable raster ({e})') from e


def raster_info(path: str) -> Dict:
    """Header of a raster without reading its pixels: ``count``, ``dtype``
    (of the first band), ``width``, ``height`` and ``driver``.

    Raises:
        FileNotFoundError: The file does not exist.
        OSError: The file is not a raster GDAL can open.
    """
    with _open(path) as src:
        return dict(count=src.count, dtype=src.dtypes[0], width=src.width,
                    height=src.height, driver=src.driver)


def write_raster(path: str,
                 array: np.ndarray,
                 driver: str = 'GTiff',
                 **options) -> None:
    """Write a ``(H, W, C)`` (or ``(H, W)``) array as a raster without
    georeference.

    GeoTIFFs are pixel-interleaved and deflate-compressed unless
    ``options`` say otherwise; ``'JPEG'`` and ``'PNG'`` take their creation
    options (e.g. ``quality=90``) the same way.
    """
    if array.ndim == 2:
        array = array[..., None]
    profile = dict(driver=driver, width=array.shape[1],
                   height=array.shape[0], count=array.shape[2],
                   dtype=array.dtype.name)
    if driver == 'GTiff':
        profile.update(interleave='pixel', compress='deflate')
    profile.update(options)
    with warnings.catch_warnings():
        warnings.simplefilter('ignore', NotGeoreferencedWarning)
        with rasterio.open(path, 'w', **profile) as dst:
            dst.write(array.transpose(2, 0, 1))


def nodata_mask(data: np.ndarray, nodata: float) -> np.ndarray:
    """Pixels whose every band equals ``nodata`` (GDAL's dataset-mask rule:
    a pixel is valid if any band is valid)."""
    if np.isnan(nodata):
        return np.isnan(data).all(axis=0)
    return (data == nodata).all(axis=0)


def pack_rgb(r: np.ndarray, g: np.ndarray, b: np.ndarray) -> np.ndarray:
    return (r.astype(np.uint32) << 16) | (g.astype(np.uint32) << 8) | b


class ColourDecoder:
    """Map RGB colours to class indices with one vectorised lookup.

    Colours are packed into uint32 keys; a ``searchsorted`` over the few
    sorted class keys replaces one full-image comparison per class.
    """

    def __init__(self, colours: Sequence[Sequence[int]]) -> None:
        table = np.asarray(colours, dtype=np.int64)
        if table.ndim != 2 or table.shape[1] != 3 or len(table) > 255:
            raise ValueError('class colours must be at most 255 RGB triples, '
                             f'got shape {table.shape}')
        if table.min() < 0 or table.max() > 255:
            raise ValueError('class colours must lie in 0..255')
        keys = pack_rgb(*table.T.astype(np.uint32))
        if len(np.unique(keys)) != len(keys):
            raise ValueError(f'class colours contain duplicates: {colours}')
        self.colours = [tuple(int(v) for v in c) for c in table]
        self._order = np.argsort(keys)
        self._keys = keys[self._order]

    def __call__(self, rgb: np.ndarray,
                 fill: int = 255) -> Tuple[np.ndarray, np.ndarray]:
        """Decode a ``(3, H, W)`` uint8 array.

        Returns:
            The uint8 class map (``fill`` where the colour is unknown) and the
            boolean mask of unknown pixels.
        """
        packed = pack_rgb(rgb[0], rgb[1], rgb[2])
        pos = np.searchsorted(self._keys, packed)
        np.minimum(pos, len(self._keys) - 1, out=pos)
        unknown = self._keys[pos] != packed
        label = self._order[pos].astype(np.uint8)
        label[unknown] = fill
        return label, unknown
