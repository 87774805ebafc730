"""Class indices from colour-coded label images (ISPRS-style RGB labels).

Colours are packed into one uint32 key each, so a whole label image is
decoded with one ``searchsorted`` over the few class keys instead of one
full-image comparison per class.
"""
from typing import Sequence, Tuple

import numpy as np


def pack_rgb(r: np.ndarray, g: np.ndarray, b: np.ndarray) -> np.ndarray:
    """One uint32 key per RGB colour, ``r << 16 | g << 8 | b``."""
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
