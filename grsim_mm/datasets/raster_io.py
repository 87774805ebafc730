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
"""
import os.path as osp
import warnings
from typing import Dict, Optional, Sequence, Tuple, Union

import numpy as np
import rasterio
from rasterio.errors import NotGeoreferencedWarning, RasterioError
from rasterio.windows import Window

WindowLike = Union[Sequence[int], Window]


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
    try:
        # Plain TIFF tiles (e.g. the ISPRS tiles written by tifffile) carry
        # no georeference; that is expected, not worth a warning per read.
        with warnings.catch_warnings():
            warnings.simplefilter('ignore', NotGeoreferencedWarning)
            src = rasterio.open(path)
    except RasterioError as e:
        if not osp.exists(path):
            raise FileNotFoundError(f'{path}: file not found') from e
        raise OSError(f'{path}: not a readable raster ({e})') from e
    with src:
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


def raster_grid(path: str) -> Dict:
    """The pixel grid of a raster: ``height``, ``width``, ``count``,
    ``nodata``, ``crs`` (WKT or None) and ``transform`` (a rasterio
    ``Affine``, None for files without georeference)."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter('ignore', NotGeoreferencedWarning)
            with rasterio.open(path) as src:
                georeferenced = (src.crs is not None
                                 or not src.transform.is_identity)
                return dict(
                    height=src.height,
                    width=src.width,
                    count=src.count,
                    nodata=src.nodata,
                    crs=src.crs.to_wkt() if src.crs is not None else None,
                    transform=src.transform if georeferenced else None)
    except RasterioError as e:
        if not osp.exists(path):
            raise FileNotFoundError(f'{path}: file not found') from e
        raise OSError(f'{path}: not a readable raster ({e})') from e


def read_on_grid(path: str,
                 height: int,
                 width: int,
                 crs: Optional[str] = None,
                 transform=None,
                 band: int = 0,
                 resampling: str = 'nearest') -> Tuple[np.ndarray, Dict]:
    """Read one band resampled onto a ``height`` x ``width`` grid.

    With ``crs`` and ``transform`` (a georeferenced grid, e.g. a scene's
    grid coarsened) the file is warped onto that grid by GDAL, reading only
    what it needs, so a country-wide map serves many scenes; cells outside
    the file get the file's nodata (or 0 without one). Without them the
    file's full extent is stretched onto the grid: a guide made for one
    scene, pixel-aligned with it.

    Args:
        band: 0-based band index.
        resampling: A rasterio resampling name; ``'mode'`` suits class maps
            being coarsened.

    Returns:
        The array (the file's dtype) and a dict with the file's ``nodata``.
    """
    from rasterio.enums import Resampling
    from rasterio.warp import reproject
    method = Resampling[resampling]
    try:
        with warnings.catch_warnings():
            warnings.simplefilter('ignore', NotGeoreferencedWarning)
            src = rasterio.open(path)
    except RasterioError as e:
        if not osp.exists(path):
            raise FileNotFoundError(f'{path}: file not found') from e
        raise OSError(f'{path}: not a readable raster ({e})') from e
    with src:
        if not 0 <= band < src.count:
            raise ValueError(f'{path}: band index {band} does not exist in a '
                             f'file with {src.count} bands (0-based)')
        meta = dict(nodata=src.nodata)
        try:
            if crs is None and transform is None:
                data = src.read(band + 1, out_shape=(height, width),
                                resampling=method)
                return data, meta
            if crs is None or transform is None:
                raise ValueError('a georeferenced grid needs both crs and '
                                 'transform')
            if src.crs is None:
                raise ValueError(
                    f'{path}: has no CRS, so it cannot be placed on a '
                    'georeferenced grid; give it one (gdal_edit.py -a_srs) '
                    'or use a guide pixel-aligned with the scene')
            fill = src.nodata if src.nodata is not None else 0
            data = np.full((height, width), fill, src.dtypes[band])
            reproject(rasterio.band(src, band + 1), data,
                      dst_transform=transform, dst_crs=crs,
                      dst_nodata=src.nodata, resampling=method)
        except RasterioError as e:
            raise OSError(f'{path}: corrupt or truncated raster, reading '
                          f'failed ({e})') from e
    return data, meta
