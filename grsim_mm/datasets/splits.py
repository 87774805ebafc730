"""Label-fraction splits: seeded, exact, nested and stratified over scenes.

All tiles are put into one seeded order in which every prefix is spread over
the scenes in proportion to their size: inside each scene the tiles are
shuffled, and the r-th of the n tiles of a scene gets the key
``(r + u) / n`` with a random offset ``u`` per scene. Sorting by key
interleaves the scenes, so a prefix of any length takes from each scene its
share within one tile. Every fraction is a prefix of that order, hence the
lists are nested (1% in 5% in 10%) and have exactly ``round(f * N)`` tiles.
The model-selection list ``trainSel`` is the block that follows the largest
fraction, so it is stratified as well and disjoint from every fraction list.
"""
import math
import os
import os.path as osp
from collections import defaultdict
from typing import Dict, Iterable, List, Sequence

import numpy as np


def scene_of(name: str) -> str:
    """Scene of a tile: the part of its name before the last ``__``
    (``top_potsdam_2_10_RGBIR__36.tif`` -> ``top_potsdam_2_10_RGBIR``)."""
    stem = osp.splitext(osp.basename(name))[0]
    return stem.rsplit('__', 1)[0]


def stratified_order(names: Iterable[str], seed: int = 0) -> List[str]:
    """All names in a seeded order whose prefixes are stratified by scene."""
    groups: Dict[str, List[str]] = defaultdict(list)
    for name in sorted(set(names)):
        groups[scene_of(name)].append(name)
    rng = np.random.default_rng(seed)
    keyed = []
    for scene in sorted(groups):
        tiles = groups[scene]
        perm = rng.permutation(len(tiles))
        offset = rng.random()
        ties = rng.random(len(tiles))
        for rank, i in enumerate(perm):
            keyed.append(((rank + offset) / len(tiles), ties[rank], tiles[i]))
    keyed.sort()
    return [name for _, _, name in keyed]


def fraction_count(total: int, fraction: float, min_count: int = 1) -> int:
    """``round(fraction * total)`` (halves up), at least ``min_count`` and
    at most ``total``."""
    return min(total, max(min_count, math.floor(fraction * total + 0.5)))


def fraction_name(percent: float) -> str:
    """``1 -> 'trainR1'``, ``0.5 -> 'trainR0.5'``."""
    return f'trainR{percent:g}'


def make_splits(train_names: Sequence[str],
                test_names: Sequence[str] = (),
                percents: Sequence[float] = (1, 5, 10),
                sel_percent: float = 5,
                seed: int = 0,
                min_count: int = 1) -> Dict[str, List[str]]:
    """Build the fraction lists of a training list.

    Args:
        train_names: All training tiles (the 100% list ``train``).
        test_names: The test list; it must share no tile and no scene with
            the training tiles.
        percents: Label fractions in percent, each list named
            ``trainR{p}``.
        sel_percent: Size of ``trainSel`` in percent of the training tiles.
        seed: Seed of the order.
        min_count: Smallest size of a fraction list, for small datasets
            where 1% would be a handful of tiles.

    Returns:
        Split name -> sorted names, with ``train``, the fraction lists and
        ``trainSel``.
    """
    train_names = sorted(set(train_names))
    if not train_names:
        raise ValueError('the training list is empty')
    test_set = set(test_names)
    shared = test_set.intersection(train_names)
    if shared:
        raise ValueError(f'{len(shared)} tiles are in both the training and '
                         f'the test list, e.g. {sorted(shared)[:3]}')
    shared_scenes = {scene_of(n) for n in test_set} & {
        scene_of(n) for n in train_names
    }
    if shared_scenes:
        raise ValueError('training and test tiles come from the same scenes: '
                         f'{sorted(shared_scenes)}')
    total = len(train_names)
    order = stratified_order(train_names, seed)
    splits = {'train': train_names}
    largest = 0
    for percent in sorted(percents):
        n = fraction_count(total, percent / 100, min_count)
        splits[fraction_name(percent)] = sorted(order[:n])
        largest = max(largest, n)
    n_sel = fraction_count(total, sel_percent / 100, min_count)
    if largest + n_sel > total:
        raise ValueError(f'trainSel needs {n_sel} tiles, but only '
                         f'{total - largest} are outside the largest '
                         'fraction list')
    splits['trainSel'] = sorted(order[largest:largest + n_sel])
    return splits


def write_lists(out_dir: str, splits: Dict[str, Sequence[str]],
                dtype: str = 'RGBIR') -> None:
    """Write ``{split}_{dtype}.txt`` and the identical ``{split}_lbl.txt``
    (LF line ends, trailing newline) as the reference layout expects."""
    os.makedirs(out_dir, exist_ok=True)
    for split, names in splits.items():
        text = ''.join(f'{n}\n' for n in names)
        for suffix in (dtype, 'lbl'):
            path = osp.join(out_dir, f'{split}_{suffix}.txt')
            with open(path, 'w', encoding='utf-8', newline='\n') as f:
                f.write(text)
