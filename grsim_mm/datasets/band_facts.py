"""The facts about a dataset's bands that travel with every sample.

A dataset setting states its band count, band selection, value range and
band names once, as arguments of the dataset; the dataset validates them
here and puts them into every data_info, where the loader
(``num_bands``, ``bands``) and the photometric transforms (``value_range``)
read them when their own arguments are not set.
"""
from typing import Dict, Optional, Sequence

import numpy as np

from .transforms.image_ops import ValueRange, value_range_of

#: Keys :func:`band_facts` returns and the datasets add to each data_info.
BAND_FACT_KEYS = ('num_bands', 'bands', 'value_range', 'band_names')


def band_facts(num_bands: Optional[int] = None,
               bands: Optional[Sequence[int]] = None,
               value_range: Optional[ValueRange] = None,
               band_names: Optional[Sequence[str]] = None,
               owner: str = 'dataset') -> Dict:
    """Check the band facts against each other and return them as a dict.

    Args:
        num_bands: Band count every file has.
        bands: 0-based bands to read, in model order.
        value_range: ``(low, high)`` of the data, or one pair per band read,
            the white and black of photometric augmentation.
        band_names: Names of the bands read, in model order.
        owner: Name used in the error messages.

    Returns:
        dict with the keys of :data:`BAND_FACT_KEYS` (None where not given).
    """
    if num_bands is not None and (int(num_bands) != num_bands
                                  or num_bands < 1):
        raise ValueError(f'{owner}: num_bands must be a positive integer, '
                         f'got {num_bands!r}')
    if bands is not None:
        bands = [int(b) for b in bands]
        limit = num_bands if num_bands is not None else np.inf
        bad = [b for b in bands if not 0 <= b < limit]
        if bad or not bands:
            raise ValueError(
                f'{owner}: bands {bands} must be 0-based indices of the '
                f'{num_bands or "file"} bands')
    read = len(bands) if bands is not None else num_bands
    if value_range is not None:
        lo, _ = value_range_of(np.float64, value_range)
        if np.ndim(lo) and read is not None and len(lo) != read:
            raise ValueError(f'{owner}: value_range has {len(lo)} (low, '
                             f'high) pairs for {read} bands read')
        value_range = (tuple(value_range) if not np.ndim(lo) else
                       tuple(tuple(pair) for pair in value_range))
    if band_names is not None:
        band_names = tuple(band_names)
        if read is not None and len(band_names) != read:
            raise ValueError(f'{owner}: {len(band_names)} band_names for '
                             f'{read} bands read')
    return dict(num_bands=num_bands, bands=bands, value_range=value_range,
                band_names=band_names)
