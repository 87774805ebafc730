"""Metainfo presets of remote-sensing segmentation datasets.

A preset is the dataset metainfo (``classes``, ``palette``) plus the facts a
config needs next to it: ``band_names`` and the per-band ``mean``/``std`` of
the data preprocessor. The reference normalises every uint8 band as
``x / 255 * 3.2 - 1.6``, i.e. mean 127.5 and std 79.6875, so all 8-bit
presets use those values.

For label colours the palette *is* the class dictionary: colour-coded labels
are decoded with it (RGB order).

Potsdam: the authors' ``class_dict.txt`` has 7 rows, an unused black class 0
and names permuted against colours for three rows. The preset follows the
ISPRS benchmark instead: the 6 classes named by their real colours. Class 0
never occurs, so keeping it would only add an always-empty output and a 0
to every mean over classes; black pixels, should any appear, are then
unknown colours and raise an error instead of being silently trained.
"""
import copy
import csv
import os.path as osp
from typing import Dict, List, Sequence

_UINT8_NORM = dict(mean=127.5, std=79.6875)

ISPRS_CLASSES = ('impervious_surfaces', 'building', 'low_vegetation', 'tree',
                 'car', 'clutter')
ISPRS_PALETTE = [[255, 255, 255], [0, 0, 255], [0, 255, 255], [0, 255, 0],
                 [255, 255, 0], [255, 0, 0]]


def _uint8_preset(classes: Sequence[str], palette: List[List[int]],
                  band_names: Sequence[str]) -> dict:
    n = len(band_names)
    return dict(
        classes=tuple(classes),
        palette=[list(c) for c in palette],
        band_names=tuple(band_names),
        mean=[_UINT8_NORM['mean']] * n,
        std=[_UINT8_NORM['std']] * n)


PRESETS: Dict[str, dict] = {
    # ISPRS Potsdam, 4-band R, G, B, NIR orthophotos.
    'potsdam-rgbir':
    _uint8_preset(ISPRS_CLASSES, ISPRS_PALETTE, ('R', 'G', 'B', 'NIR')),
    # ISPRS Vaihingen, false-colour NIR, R, G orthophotos, same classes.
    'vaihingen-irrg':
    _uint8_preset(ISPRS_CLASSES, ISPRS_PALETTE, ('NIR', 'R', 'G')),
    # DeepGlobe Land Cover: colour labels; 'unknown' is a class of the
    # official dictionary, kept so that no colour is dropped silently.
    'deepglobe-lc':
    _uint8_preset(
        ('urban_land', 'agriculture_land', 'rangeland', 'forest_land',
         'water', 'barren_land', 'unknown'),
        [[0, 255, 255], [255, 255, 0], [255, 0, 255], [0, 255, 0],
         [0, 0, 255], [255, 255, 255], [0, 0, 0]], ('R', 'G', 'B')),
    # LoveDA: index PNG labels where 0 is no-data, so configs set
    # reduce_zero_label=True (as mmseg's LoveDADataset does).
    'loveda':
    _uint8_preset(
        ('background', 'building', 'road', 'water', 'barren', 'forest',
         'agricultural'),
        [[255, 255, 255], [255, 0, 0], [255, 255, 0], [0, 0, 255],
         [159, 129, 183], [0, 255, 0], [255, 195, 128]], ('R', 'G', 'B')),
    # The synthetic demo data written by ``make_demo_dataset``.
    'demo':
    _uint8_preset(
        ('impervious_surfaces', 'building', 'low_vegetation', 'tree',
         'water'),
        [[255, 255, 255], [0, 0, 255], [0, 255, 255], [0, 255, 0],
         [0, 0, 128]], ('R', 'G', 'B', 'NIR')),
}


def get_preset(name: str) -> dict:
    """Return a copy of the named preset."""
    if name not in PRESETS:
        raise KeyError(f'unknown dataset preset {name!r}; available: '
                       f'{sorted(PRESETS)}')
    return copy.deepcopy(PRESETS[name])


#: Header names of the colour columns of a class dictionary.
_CHANNELS = {'r': 0, 'red': 0, 'g': 1, 'green': 1, 'b': 2, 'blue': 2}


def _channel_order(header: List[str], path: str) -> List[int]:
    """RGB index of each colour column, from a header row naming them."""
    names = [c.strip().lower() for c in header[1:4]]
    order = [_CHANNELS.get(name) for name in names]
    if len(order) == 3 and sorted(o for o in order if o is not None) == [
            0, 1, 2]:
        return order
    raise ValueError(
        f'{path}: cannot tell the channel order of the colours from the '
        f'header {header}: its three colour columns must be named R, G and '
        'B in the order of the values (e.g. "name,r,g,b" or "Class '
        'Name,B,G,R"). Fix the header, or remove it if the values are R, G, '
        'B.')


def read_class_dict(path: str) -> dict:
    """Read a ``class_dict.txt``: one ``name,c1,c2,c3`` row per class.

    A header row decides the channel order of the colours: ``name,r,g,b``,
    ``Class Name,B,G,R`` (values in B, G, R order) or any order of R, G, B
    (also spelled red, green, blue); a header that does not name the three
    is refused rather than guessed. Without a header the values are R, G,
    B. (The Potsdam file of the GLCNet authors has a ``B,G,R`` header over
    R, G, B values; the ``potsdam-rgbir`` preset replaces it.) A UTF-8 BOM,
    CRLF line ends and blank lines are accepted.

    Returns:
        dict(classes=tuple of names, palette=list of [r, g, b]).
    """
    if not osp.isfile(path):
        raise FileNotFoundError(f'{path}: class dictionary not found')
    with open(path, encoding='utf-8-sig', newline='') as f:
        rows = [row for row in csv.reader(f) if any(c.strip() for c in row)]
    classes, palette = [], []
    order = [0, 1, 2]
    for line_no, row in enumerate(rows, start=1):
        try:
            values = [int(v) for v in row[1:4]]
        except ValueError:
            values = None
        if values is None or len(row) < 4:
            if line_no == 1:
                order = _channel_order(row, path)
                continue
            raise ValueError(f'{path}: line {line_no} is not '
                             f'"name,r,g,b": {row}')
        if not all(0 <= v <= 255 for v in values):
            raise ValueError(f'{path}: line {line_no} has a colour outside '
                             f'0..255: {row}')
        rgb = [0, 0, 0]
        for column, channel in enumerate(order):
            rgb[channel] = values[column]
        classes.append(row[0].strip())
        palette.append(rgb)
    if not classes:
        raise ValueError(f'{path}: class dictionary has no classes')
    if len({tuple(c) for c in palette}) != len(palette):
        raise ValueError(f'{path}: class dictionary repeats a colour')
    return dict(classes=tuple(classes), palette=palette)


def write_class_dict(path: str, classes: Sequence[str],
                     palette: Sequence[Sequence[int]]) -> None:
    """Write a ``class_dict.txt`` with an honest ``name,r,g,b`` header."""
    with open(path, 'w', encoding='utf-8', newline='') as f:
        writer = csv.writer(f, lineterminator='\n')
        writer.writerow(['name', 'r', 'g', 'b'])
        for name, rgb in zip(classes, palette):
            writer.writerow([name, *(int(v) for v in rgb)])


# ISPRS Potsdam scenes ``top_potsdam_{a}_{b}``: the official split.
POTSDAM_TRAIN_SCENES = ('2_10', '2_11', '2_12', '3_10', '3_11', '3_12',
                        '4_10', '4_11', '4_12', '5_10', '5_11', '5_12',
                        '6_7', '6_8', '6_9', '6_10', '6_11', '6_12', '7_7',
                        '7_8', '7_9', '7_10', '7_11', '7_12')
POTSDAM_TEST_SCENES = ('2_13', '2_14', '3_13', '3_14', '4_13', '4_14',
                       '4_15', '5_13', '5_14', '5_15', '6_13', '6_14',
                       '6_15', '7_13')


def potsdam_tile_names(scenes: Sequence[str],
                       grid: int = 24,
                       dtype: str = 'RGBIR') -> List[str]:
    """Tile names ``top_potsdam_{a}_{b}_{dtype}__{k}.tif`` with k = 1 ..
    grid**2 row-major, as in the reference lists."""
    return [
        f'top_potsdam_{scene}_{dtype}__{k}.tif' for scene in scenes
        for k in range(1, grid * grid + 1)
    ]
