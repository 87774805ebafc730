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

A fraction can also be *kept*: a given list (e.g. the one a paper's authors
published) is used as it is and the other fractions are nested around it.
Its tiles take the first ranks of their scenes, so the tiles added to reach
a larger fraction go first to the scenes the kept list under-represents, and
each larger fraction is the kept list plus a prefix of the remaining order.
"""
import math
import os
import os.path as osp
from collections import defaultdict
from typing import Dict, Iterable, List, Mapping, Optional, Sequence

import numpy as np


def scene_of(name: str) -> str:
    """Scene of a tile: the part of its name before the last ``__``
    (``top_potsdam_2_10_RGBIR__36.tif`` -> ``top_potsdam_2_10_RGBIR``)."""
    stem = osp.splitext(osp.basename(name))[0]
    return stem.rsplit('__', 1)[0]


def stratified_order(names: Iterable[str],
                     seed: int = 0,
                     first: Sequence[Iterable[str]] = ()) -> List[str]:
    """All names in a seeded order whose prefixes are stratified by scene.

    ``first`` holds groups of names that come before all others, group by
    group (each group in stratified order too); inside every scene their
    tiles take the first ranks, so the rest of the order fills up the
    scenes they leave short.
    """
    names = set(names)
    group_of: Dict[str, int] = {}
    for g, group in enumerate(first):
        for name in group:
            group_of.setdefault(name, g)
    outside = sorted(set(group_of) - names)
    if outside:
        raise ValueError(f'{len(outside)} names to put first are not in the '
                         f'list, e.g. {outside[:3]}')
    rest = len(first)
    scenes: Dict[str, List[str]] = defaultdict(list)
    for name in sorted(names):
        scenes[scene_of(name)].append(name)
    rng = np.random.default_rng(seed)
    keyed = []
    for scene in sorted(scenes):
        tiles = scenes[scene]
        perm = rng.permutation(len(tiles))
        offset = rng.random()
        ties = rng.random(len(tiles))
        # group first, then the seeded shuffle, gives the rank in the scene
        ranked = sorted(perm, key=lambda i: group_of.get(tiles[i], rest))
        for rank, i in enumerate(ranked):
            name = tiles[i]
            keyed.append((group_of.get(name, rest),
                          (rank + offset) / len(tiles), ties[rank], name))
    keyed.sort()
    return [name for *_, name in keyed]


def fraction_count(total: int, fraction: float, min_count: int = 1) -> int:
    """``round(fraction * total)`` (halves up), at least ``min_count`` and
    at most ``total``."""
    return min(total, max(min_count, math.floor(fraction * total + 0.5)))


def fraction_name(percent: float) -> str:
    """``1 -> 'trainR1'``, ``0.5 -> 'trainR0.5'``."""
    return f'trainR{percent:g}'


def _check_kept(kept: Mapping[float, Sequence[str]], train: Sequence[str],
                total: int, percents: Sequence[float],
                min_count: int) -> List[float]:
    """Kept lists must be fractions of the training list, nested in one
    another, and no larger than the fractions above them."""
    train_set = set(train)
    unknown = sorted(set(kept) - set(percents))
    if unknown:
        raise ValueError(f'kept lists for {unknown} %, which are not among '
                         f'the fractions {list(percents)}')
    order = sorted(kept)
    for i, percent in enumerate(order):
        names = kept[percent]
        if len(set(names)) != len(names):
            raise ValueError(f'the kept {fraction_name(percent)} list '
                             'repeats names')
        outside = sorted(set(names) - train_set)
        if outside:
            raise ValueError(
                f'the kept {fraction_name(percent)} list has {len(outside)} '
                f'names outside the training list, e.g. {outside[:3]}')
        if i and not set(kept[order[i - 1]]) <= set(names):
            raise ValueError(
                f'the kept {fraction_name(order[i - 1])} list is not inside '
                f'the kept {fraction_name(percent)} list, so they cannot '
                'be nested')
    for percent in percents:
        below = [p for p in order if p < percent]
        if percent in kept or not below:
            continue
        n = fraction_count(total, percent / 100, min_count)
        if n < len(kept[below[-1]]):
            raise ValueError(
                f'{fraction_name(percent)} ({n} tiles) would be smaller than '
                f'the kept {fraction_name(below[-1])} list '
                f'({len(kept[below[-1]])} tiles) it must contain')
    return order


def make_splits(train_names: Sequence[str],
                test_names: Sequence[str] = (),
                percents: Sequence[float] = (1, 5, 10),
                sel_percent: float = 5,
                seed: int = 0,
                min_count: int = 1,
                kept: Optional[Mapping[float, Sequence[str]]] = None
                ) -> Dict[str, List[str]]:
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
        kept: Percent -> a list to use as that fraction unchanged (in its
            own order, e.g. a published list); the other fractions are
            nested around it and ``trainSel`` avoids it.

    Returns:
        Split name -> names, with ``train``, the fraction lists and
        ``trainSel``; sorted, except kept lists, which keep their order.
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
    kept = dict(kept or {})
    kept_order = _check_kept(kept, train_names, total, percents, min_count)
    order = stratified_order(train_names, seed,
                             [kept[p] for p in kept_order])
    splits = {'train': train_names}
    largest = 0
    for percent in sorted(percents):
        if percent in kept:
            splits[fraction_name(percent)] = list(kept[percent])
            n = len(kept[percent])
        else:
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
