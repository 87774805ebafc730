"""The one door to rasterio: opening, reading windows and bands, nodata
masks, output profiles, writing, and reading onto another grid.

Every reader and writer of the package (the loading transforms, the
unlabelled dataset, scene inference, the demo generator and the dataset
converters) goes through here, so that band conventions, window checks,
rasterio's warnings and the error messages (which always name the file) are
the same everywhere.

Conventions:

- ``bands`` are **0-based** indices into the file's bands, like the axis of
  the numpy array that comes out, not rasterio's 1-based band numbers
  (:func:`band_indexes` converts).
- A window is ``(x, y, width, height)`` in pixels of the full raster, with
  ``x`` the column and ``y`` the row offset (rasterio's ``Window`` order).
- Arrays are band-first, ``(C, H, W)``, in the file's native dtype.
- A geotransform is the affine ``(a, b, c, d, e, f)`` of rasterio (GDAL's
  coefficients in rasterio's order); None means not georeferenced.

GDAL 3.10 decodes whole PNG images through a fast path that returns garbage
instead of an error for a truncated file; it is switched off here (unless
the user set it) so that a truncated PNG fails like a truncated JPEG or TIFF.
"""
import glob
import os
import os.path as osp
import warnings
from contextlib import contextmanager
from typing import Dict, Iterator, List, Optional, Sequence, Tuple, Union

import numpy as np
import rasterio
from affine import Affine
from rasterio.enums import ColorInterp, MaskFlags
from rasterio.errors import (NodataShadowWarning, NotGeoreferencedWarning,
                             RasterioError)
from rasterio.io import DatasetReader, DatasetWriter
from rasterio.windows import Window

WindowLike = Union[Sequence[int], Window]
GeoTransform = Tuple[float, float, float, float, float, float]

#: File suffixes :func:`find_scenes` takes from a folder.
SCENE_SUFFIXES = ('.tif', '.tiff', '.vrt', '.img', '.jp2')

os.environ.setdefault('GDAL_PNG_WHOLE_IMAGE_OPTIM', 'NO')


@contextmanager
def _rasterio_warnings() -> Iterator[None]:
    """Silence the rasterio warnings that are expected here.

    Plain TIFF tiles (e.g. the ISPRS tiles) carry no georeference, which is
    not worth a warning per read or write; scene inference warns once of
    its own. A nodata value taking precedence over an alpha band is GDAL's
    documented rule (see :func:`valid_mask`).
    """
    with warnings.catch_warnings():
        warnings.simplefilter('ignore', NotGeoreferencedWarning)
        warnings.simplefilter('ignore', NodataShadowWarning)
        yield


def find_scenes(spec: str) -> List[str]:
    """Scenes named by a file, a folder (its rasters) or a glob pattern."""
    if osp.isdir(spec):
        paths = [
            osp.join(spec, name) for name in os.listdir(spec)
            if name.lower().endswith(SCENE_SUFFIXES)
        ]
    elif osp.exists(spec):
        paths = [spec]
    else:
        paths = [path for path in glob.glob(spec) if osp.isfile(path)]
    if not paths:
        raise FileNotFoundError(f'no scene found at {spec}')
    return sorted(paths)


def open_raster(path: str) -> DatasetReader:
    """Open a raster for reading (GDAL paths such as ``/vsizip/`` too).

    Raises:
        FileNotFoundError: The file does not exist.
        OSError: The file is not a readable raster.
    """
    try:
        with _rasterio_warnings():
            return rasterio.open(path)
    except RasterioError as e:
        if not osp.exists(path) and not path.startswith('/vsi'):
            raise FileNotFoundError(f'{path}: file not found') from e
        raise OSError(f'{path}: not a readable raster ({e})') from e


def raster_shape(path: str) -> Tuple[int, int, int]:
    """``(bands, height, width)`` of a raster, without reading pixels."""
    with open_raster(path) as src:
        return src.count, src.height, src.width


def raster_info(path: str) -> Dict:
    """Header of a raster without reading its pixels: ``count``, ``dtype``
    (of the first band), ``width``, ``height``, ``driver``, ``nodata``,
    ``crs`` (WKT or None) and ``transform`` (a rasterio ``Affine``, None for
    files without georeference)."""
    with open_raster(path) as src:
        georeferenced = src.crs is not None or not src.transform.is_identity
        return dict(
            count=src.count,
            dtype=src.dtypes[0],
            width=src.width,
            height=src.height,
            driver=src.driver,
            nodata=src.nodata,
            crs=src.crs.to_wkt() if src.crs is not None else None,
            transform=src.transform if georeferenced else None)


def band_indexes(src: DatasetReader, bands: Optional[Sequence[int]],
                 path: str) -> List[int]:
    """rasterio's 1-based indexes of the 0-based ``bands``, checked against
    the file; all bands when ``bands`` is None."""
    if bands is None:
        return list(src.indexes)
    bad = [b for b in bands if not 0 <= b < src.count]
    if bad:
        raise ValueError(f'{path}: band indices {bad} do not exist in a file '
                         f'with {src.count} bands (indices are 0-based)')
    return [b + 1 for b in bands]


def as_window(window: Optional[WindowLike], width: int, height: int,
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


def read_bands(src: DatasetReader, indexes: List[int],
               window: Optional[Window], path: str) -> np.ndarray:
    """``src.read(indexes, window=window)`` with an error naming the file
    (and the rows) when the data turn out corrupt or truncated."""
    try:
        return src.read(indexes, window=window)
    except RasterioError as e:
        what = ('reading' if window is None else
                f'reading rows {int(window.row_off)}..'
                f'{int(window.row_off + window.height)}')
        raise OSError(f'{path}: corrupt or truncated raster, {what} failed '
                      f'({e})') from e


def geo_transform(src: DatasetReader,
                  window: Optional[Window] = None) -> Optional[GeoTransform]:
    """Geotransform of ``window`` (or the whole raster), None for files
    without georeference."""
    if src.crs is None and src.transform.is_identity:
        return None
    geo = src.window_transform(window) if window is not None else src.transform
    return tuple(geo)[:6]


def window_geo_transform(geo: Optional[GeoTransform],
                         window: WindowLike) -> Optional[GeoTransform]:
    """Geotransform of a window ``(x, y, w, h)`` of a raster whose
    geotransform is ``geo`` (None stays None)."""
    if geo is None:
        return None
    x, y = ((window.col_off, window.row_off)
            if isinstance(window, Window) else window[:2])
    return tuple(Affine(*geo) @ Affine.translation(x, y))[:6]


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
        None), ``crs`` (WKT string or None) and ``geo_transform`` (the
        geotransform of the pixels read, or None for files without
        georeference).

    Raises:
        FileNotFoundError: The file does not exist.
        OSError: The file is not a readable raster (corrupt or truncated).
        ValueError: Band count, band selection or window do not fit the file.
    """
    with open_raster(path) as src:
        if num_bands is not None and src.count != num_bands:
            raise ValueError(f'{path}: has {src.count} bands, but the config '
                             f'expects {num_bands}')
        indexes = band_indexes(src, bands, path)
        win = as_window(window, src.width, src.height, path)
        data = read_bands(src, indexes, win, path)
        meta = dict(
            nodata=src.nodata,
            crs=src.crs.to_wkt() if src.crs is not None else None,
            geo_transform=geo_transform(src, win))
    return data, meta


def read_thumbnail(path: str, max_size: int,
                   band: int = 0) -> Tuple[np.ndarray, Dict[int, tuple]]:
    """One band decimated by GDAL while reading (nearest neighbour) so its
    longer side is at most ``max_size``, and the band's colour table
    (empty without one). Even a huge map is never read at full size."""
    with open_raster(path) as src:
        scale = min(1.0, max_size / max(src.height, src.width))
        shape = (max(1, round(src.height * scale)),
                 max(1, round(src.width * scale)))
        try:
            data = src.read(band + 1, out_shape=shape)
        except RasterioError as e:
            raise OSError(f'{path}: corrupt or truncated raster ({e})') from e
        try:
            colormap = src.colormap(band + 1)
        except ValueError:  # no colour table
            colormap = {}
    return data, colormap


def valid_mask(src: DatasetReader, indexes: List[int],
               window: Window) -> np.ndarray:
    """Pixels where at least one band read holds data (GDAL's rule).

    GDAL derives band masks from nodata values, internal masks or an alpha
    band. RGB+NIR files often have their NIR band tagged as alpha; a band
    that is read as model input is data, so an alpha band only masks when
    it is not among the bands read. A nodata value takes precedence over an
    alpha band.
    """
    alpha_read = any(src.colorinterp[i - 1] == ColorInterp.alpha
                     for i in indexes)
    for i in indexes:
        flags = src.mask_flag_enums[i - 1]
        if MaskFlags.all_valid in flags or (alpha_read
                                            and MaskFlags.alpha in flags):
            return np.ones((int(window.height), int(window.width)), bool)
    with _rasterio_warnings():
        return src.read_masks(indexes, window=window).any(axis=0)


def nodata_mask(data: np.ndarray, nodata: float) -> np.ndarray:
    """Pixels whose every band equals ``nodata`` (GDAL's dataset-mask rule:
    a pixel is valid if any band is valid)."""
    if np.isnan(nodata):
        return np.isnan(data).all(axis=0)
    return (data == nodata).all(axis=0)


def check_outputs(paths: Sequence[Optional[str]], overwrite: bool) -> None:
    """Refuse to replace existing files unless ``overwrite``."""
    for path in paths:
        if path is not None and osp.exists(path) and not overwrite:
            raise FileExistsError(
                f'{path} exists; pass overwrite=True (--overwrite) to '
                'replace it')


def output_profile(src: DatasetReader, count: int, dtype: str,
                   nodata: float) -> dict:
    """GeoTIFF profile of an output aligned with ``src``: its size, CRS and
    transform, LZW, 256 px tiles, BigTIFF when needed."""
    return dict(
        driver='GTiff',
        width=src.width,
        height=src.height,
        count=count,
        dtype=dtype,
        crs=src.crs,
        transform=src.transform,
        nodata=nodata,
        compress='lzw',
        tiled=True,
        blockxsize=256,
        blockysize=256,
        BIGTIFF='IF_SAFER')


def create_raster(path: str, profile: dict) -> DatasetWriter:
    """Open ``path`` for writing (its folder is created)."""
    os.makedirs(osp.dirname(osp.abspath(path)), exist_ok=True)
    with _rasterio_warnings():
        return rasterio.open(path, 'w', **profile)


def write_raster(path: str,
                 data: np.ndarray,
                 crs: Optional[str] = None,
                 geo: Optional[GeoTransform] = None,
                 driver: str = 'GTiff',
                 **options) -> None:
    """Write a ``(C, H, W)`` array as a raster (GeoTIFF by default).

    Args:
        path: Output file; its folder is created.
        data: Band-first array; its dtype is the file's.
        crs: CRS (WKT, EPSG string or rasterio CRS); None writes none.
        geo: Geotransform; None writes none.
        driver: GDAL driver, e.g. ``'PNG'`` or ``'JPEG'``.
        **options: Creation options, e.g. ``compress='deflate'``,
            ``interleave='pixel'``, ``quality=90``.
    """
    profile = dict(
        driver=driver,
        width=data.shape[2],
        height=data.shape[1],
        count=data.shape[0],
        dtype=data.dtype.name,
        **options)
    if crs is not None:
        profile['crs'] = crs
    if geo is not None:
        profile['transform'] = Affine(*geo)
    with create_raster(path, profile) as dst:
        dst.write(data)


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
    with open_raster(path) as src:
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
