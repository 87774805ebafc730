"""Per-band statistics of a set of rasters in bounded memory: the numbers a
dataset setting needs (``band_mean``, ``band_std``, ``value_range``).

Files are read in strips of at most ``max_pixels`` pixels, so memory does
not grow with the file size or the number of files. Pixels are ignored when
they are nodata (every band equals the nodata value: GDAL's dataset-mask
rule, the one the loader applies) or, in any one band, not finite.

Mean and standard deviation (population, ``ddof=0``) are exact up to
float64 rounding: strips are merged with Chan et al.'s pairwise update.
Percentiles follow NumPy's default (linear interpolation between the
order statistics) and come from one histogram per band:

- 8- and 16-bit integer data: one bin per possible value, so the
  percentiles are exact, in a single pass;
- any other dtype: ``bins`` equal bins over the observed ``[min, max]`` of
  the band (a second pass), with linear interpolation inside a bin; a
  percentile is then within one bin width, ``(max - min) / bins``, of
  NumPy's.
"""
from dataclasses import dataclass
import os.path as osp
from typing import Callable, Iterator, List, Optional, Sequence, Tuple

import numpy as np
from rasterio.windows import Window

from .layout import read_name_list, split_folder
from .raster_io import find_scenes, open_raster, read_bands

#: integer dtypes whose every value gets its own histogram bin
EXACT_DTYPES = ('uint8', 'int8', 'uint16', 'int16')


def rasters_of(spec: str, img_dir: Optional[str] = None) -> List[str]:
    """The rasters named by ``spec``: a list file (``.txt``, one name a
    line), a folder, a raster or a glob pattern.

    A listed name is looked up in ``img_dir`` when given; otherwise, for a
    list ``{split}_{DTYPE}.txt`` of the reference layout, in the folder
    ``{train|val}_{DTYPE}/`` beside it, else beside the list.
    """
    if not spec.endswith('.txt'):
        return find_scenes(spec)
    names = read_name_list(spec)
    if img_dir is None:
        root = osp.dirname(spec)
        stem = osp.splitext(osp.basename(spec))[0]
        img_dir = root
        if '_' in stem:
            split, tag = stem.rsplit('_', 1)
            try:
                folder = osp.join(root, f'{split_folder(split)}_{tag}')
            except ValueError:
                folder = None
            if folder is not None and osp.isdir(folder):
                img_dir = folder
    paths = [osp.join(img_dir, name) for name in names]
    missing = [path for path in paths if not osp.isfile(path)]
    if missing:
        raise FileNotFoundError(
            f'{missing[0]}: listed by {spec} but not found ({len(missing)} of '
            f'{len(paths)} listed files missing); give the folder of the '
            'listed files with --img-dir')
    return paths


@dataclass
class BandStatistics:
    """Statistics of each band (arrays with one entry per band)."""
    count: np.ndarray
    mean: np.ndarray
    std: np.ndarray
    min: np.ndarray
    max: np.ndarray
    percentiles: Tuple[float, ...]
    #: ``(len(percentiles), bands)``
    percentile_values: np.ndarray
    #: largest possible error of a percentile (0 when exact)
    percentile_error: np.ndarray
    dtype: str
    files: int

    def percentile(self, q: float) -> np.ndarray:
        """The per-band values of one of the computed percentiles."""
        return self.percentile_values[self.percentiles.index(q)]


class _Moments:
    """Count, mean and sum of squared deviations per band, merged strip by
    strip (Chan, Golub and LeVeque's update)."""

    def __init__(self, bands: int) -> None:
        self.count = np.zeros(bands, np.int64)
        self.mean = np.zeros(bands)
        self.m2 = np.zeros(bands)
        self.min = np.full(bands, np.inf)
        self.max = np.full(bands, -np.inf)

    def add(self, band: int, values: np.ndarray) -> None:
        n = values.size
        if not n:
            return
        values = values.astype(np.float64)
        mean = values.mean()
        m2 = np.square(values - mean).sum()
        total = self.count[band] + n
        delta = mean - self.mean[band]
        self.mean[band] += delta * n / total
        self.m2[band] += m2 + delta**2 * self.count[band] * n / total
        self.count[band] = total
        self.min[band] = min(self.min[band], values.min())
        self.max[band] = max(self.max[band], values.max())


def _strips(height: int, width: int,
            max_pixels: int) -> List[Window]:
    """Windows of whole rows, at most ``max_pixels`` each (one row at
    least)."""
    rows = max(1, max_pixels // max(width, 1))
    return [
        Window(0, top, width, min(rows, height - top))
        for top in range(0, height, rows)
    ]



def _valid_values(paths: Sequence[str], nodata: Optional[float],
                  max_pixels: int,
                  tick: Optional[Callable[[], None]]) -> Iterator[
                      Tuple[int, np.ndarray]]:
    """``(band, valid values)`` of every strip of every file; ``tick``
    after each strip."""
    for path in paths:
        with open_raster(path) as src:
            missing = src.nodata if nodata is None else nodata
            for window in _strips(src.height, src.width, max_pixels):
                data = read_bands(src, list(src.indexes), window, path)
                keep = np.ones(data.shape[1:], bool)
                if missing is not None:
                    keep = ~(np.isnan(data).all(0) if np.isnan(missing) else
                             (data == missing).all(0))
                for band, values in enumerate(data):
                    values = values[keep]
                    if values.dtype.kind == 'f':
                        values = values[np.isfinite(values)]
                    yield band, values
                if tick is not None:
                    tick()


def _check_files(paths: Sequence[str],
                 max_pixels: int) -> Tuple[int, str, int]:
    """The common band count and dtype (or an error naming the odd file),
    and the number of strips to read."""
    if not paths:
        raise ValueError('no raster to compute statistics of')
    layouts, strips = [], 0
    for path in paths:
        with open_raster(path) as src:
            layouts.append((src.count, np.dtype(src.dtypes[0]).name))
            strips += len(_strips(src.height, src.width, max_pixels))
            if len(set(src.dtypes)) > 1:
                raise ValueError(f'{path}: bands of different dtypes '
                                 f'{sorted(set(src.dtypes))}')
    for path, layout in zip(paths, layouts):
        if layout != layouts[0]:
            raise ValueError(
                f'{path}: {layout[0]} bands of {layout[1]}, but {paths[0]} '
                f'has {layouts[0][0]} bands of {layouts[0][1]}; statistics '
                'are per band, so every file needs the same bands')
    return (*layouts[0], strips)


def _interpolate(hist: np.ndarray, lefts: np.ndarray, width: float,
                 exact: bool, q: float) -> float:
    """NumPy's linear percentile from a histogram: the order statistics at
    ranks ``floor(h)`` and ``floor(h) + 1`` with ``h = q / 100 * (n - 1)``;
    inside a bin of width > 1 value the ``k``-th of ``c`` values is placed
    at ``(k + 0.5) / c`` of the bin."""
    cumulative = np.cumsum(hist)
    rank = q / 100 * (cumulative[-1] - 1)
    low = int(np.floor(rank))

    def order_statistic(k: int) -> float:
        b = int(np.searchsorted(cumulative, k, side='right'))
        if exact:
            return float(lefts[b])
        before = cumulative[b - 1] if b else 0
        return float(lefts[b] + width * (k - before + 0.5) / hist[b])

    value = order_statistic(low)
    if rank > low:
        value += (rank - low) * (order_statistic(low + 1) - value)
    return value


def band_statistics(paths: Sequence[str],
                    percentiles: Sequence[float] = (0.1, 1, 50, 99, 99.9),
                    nodata: Optional[float] = None,
                    bins: int = 65536,
                    max_pixels: int = 1 << 22,
                    progress: Optional[Callable[[int], Callable[[], None]]]
                    = None) -> BandStatistics:
    """Statistics of every band over ``paths``, ignoring nodata.

    Args:
        paths: Rasters with the same band count and dtype.
        percentiles: Percentiles in [0, 100] to compute.
        nodata: Value of missing pixels; None takes each file's own.
        bins: Histogram bins of the dtypes that are not 8 or 16 bit.
        max_pixels: Pixels per band read at once (the memory bound).
        progress: Called with the number of steps (one per strip and
            pass); returns the function called after each step.
    """
    paths = list(paths)
    if any(not 0 <= q <= 100 for q in percentiles):
        raise ValueError(f'percentiles must be in [0, 100], got '
                         f'{list(percentiles)}')
    num_bands, dtype, strips = _check_files(paths, max_pixels)
    exact = dtype in EXACT_DTYPES
    tick = progress(strips * (1 if exact else 2)) if progress else None
    moments = _Moments(num_bands)
    if exact:
        info = np.iinfo(dtype)
        hists = np.zeros((num_bands, int(info.max) - int(info.min) + 1),
                         np.int64)
    for band, values in _valid_values(paths, nodata, max_pixels, tick):
        moments.add(band, values)
        if exact:
            hists[band] += np.bincount(
                (values.astype(np.int64) - info.min).ravel(),
                minlength=hists.shape[1])
    empty = [b for b in range(num_bands) if not moments.count[b]]
    if empty:
        raise ValueError(f'bands {empty} hold no valid pixel in '
                         f'{len(paths)} files (nodata={nodata}); check the '
                         'nodata value')
    if exact:
        lefts = np.arange(info.min, int(info.max) + 1, dtype=np.float64)
        widths = np.zeros(num_bands)
        edges = [lefts] * num_bands
    else:
        widths = (moments.max - moments.min) / bins
        edges = [moments.min[b] + widths[b] * np.arange(bins)
                 for b in range(num_bands)]
        hists = np.zeros((num_bands, bins), np.int64)
        for band, values in _valid_values(paths, nodata, max_pixels, tick):
            if values.size:
                span = (moments.min[band], moments.max[band])
                if span[0] == span[1]:
                    span = (span[0], span[0] + 1)
                hists[band] += np.histogram(values, bins, span)[0]
    values = np.array([[
        _interpolate(hists[b], edges[b], widths[b], exact, q)
        if moments.min[b] < moments.max[b] else moments.min[b]
        for b in range(num_bands)
    ] for q in percentiles]).reshape(len(percentiles), num_bands)
    return BandStatistics(
        count=moments.count,
        mean=moments.mean,
        std=np.sqrt(moments.m2 / moments.count),
        min=moments.min,
        max=moments.max,
        percentiles=tuple(float(q) for q in percentiles),
        percentile_values=values,
        percentile_error=widths,
        dtype=dtype,
        files=len(paths))


def _outward(stats: BandStatistics, lo: np.ndarray,
             hi: np.ndarray) -> Tuple[np.ndarray, np.ndarray]:
    """Integer data: black rounded down, white up (and above black)."""
    if np.dtype(stats.dtype).kind in 'iu':
        lo, hi = np.floor(lo), np.ceil(hi)
    return lo, np.where(hi > lo, hi, lo + 1)


def value_range(stats: BandStatistics, low: float,
                high: float) -> Tuple[float, float]:
    """One ``(black, white)`` pair for all bands: the lowest ``low``
    percentile and the highest ``high`` percentile of the bands, rounded
    outward to integers for integer data."""
    lo, hi = _outward(stats, stats.percentile(low).min(),
                      stats.percentile(high).max())
    return float(lo), float(hi)


def _number(stats: BandStatistics, value: float, digits: int) -> str:
    if np.dtype(stats.dtype).kind in 'iu':
        return str(int(value))
    return f'{float(value):.{digits}g}'


def setting_lines(stats: BandStatistics, low: float, high: float,
                  digits: int = 6) -> List[str]:
    """The lines to paste into a dataset setting: ``band_mean``,
    ``band_std``, ``value_range`` and, as a comment, one range per band."""

    def floats(values) -> str:
        return '[' + ', '.join(f'{float(v):.{digits}g}' for v in values) + ']'

    lo, hi = value_range(stats, low, high)
    per_band = ', '.join(
        f'({_number(stats, a, digits)}, {_number(stats, b, digits)})'
        for a, b in zip(*_outward(stats, stats.percentile(low),
                                  stats.percentile(high))))
    return [
        f'band_mean = {floats(stats.mean)}',
        f'band_std = {floats(stats.std)}',
        f'value_range = ({_number(stats, lo, digits)}, '
        f'{_number(stats, hi, digits)})  # percentiles {low:g} and {high:g} '
        'over all bands',
        f'# or one range per band: value_range = [{per_band}]',
    ]


def format_table(stats: BandStatistics, digits: int = 6) -> str:
    """One row per band: valid pixels, mean, std, min, max, percentiles."""
    head = ['band', 'pixels', 'mean', 'std', 'min', 'max'] + [
        f'p{q:g}' for q in stats.percentiles
    ]
    rows = [head]
    for b in range(len(stats.count)):
        rows.append([str(b), str(int(stats.count[b]))] + [
            f'{float(v):.{digits}g}'
            for v in (stats.mean[b], stats.std[b], stats.min[b],
                      stats.max[b], *stats.percentile_values[:, b])
        ])
    widths = [max(len(row[i]) for row in rows) for i in range(len(head))]
    return '\n'.join('  '.join(cell.rjust(w) for cell, w in zip(row, widths))
                     for row in rows)
