"""Train/selection/test splits and nested labelled subsets of scene datasets.

Everything is decided per class, so the lists are stratified, and every
class draws from its own generator, seeded by the seed and the class name,
so that adding or renaming one class never changes the lists of another.

For each class, with ``n`` images of which ``n_train`` are for training
(``train_ratio``, or the files of a predefined training folder):

- **seeded** mode (default): the images are shuffled with ``split_seed``;
  the last ``n - n_train`` are ``test``, the last ``n_sel`` of the training
  share are ``selection`` and the others ``train``. The training images are
  then shuffled once more with ``seed``, and every labelled subset is a
  prefix of that order: ``k`` images per class (``train_k5``, ...) or a
  fraction of the class's training share (``train_p1`` = 1 %, at least one
  image). Hence the subsets are nested (5 in 20 in 50 in 100, 1 % in 5 % in
  10 %) and never touch ``selection`` or ``test``. Varying ``seed`` draws
  new labelled subsets on the same ``test`` and ``selection`` lists.
- **legacy** mode reproduces the authors' selection: files sorted by name,
  ``train`` share first, ``test`` the rest, labelled subsets the first
  ``k`` sorted training files (TOV with its default ``data_seed`` 0, RSISC).
  ``selection`` is taken from the end of the sorted training share so the
  subsets stay the authors'; ``selection=0`` drops it, which reproduces the
  authors' ``train`` list exactly (they selected models on the test split).

For self-supervised pretraining, ``pretrain`` is every image that is not
``test`` (``train`` and ``selection``: unlabelled use of the model-selection
images is fair), and ``pretrain_p{q}`` is ``q`` % of each class of it (at
least one image), prefixes of one order drawn with ``split_seed``: nested
(10 % in 25 % in 50 %) and the same for every ``seed``, for the study of the
amount of pretraining data.

``rounding`` turns ``n * train_ratio`` into a count: ``'round'`` is
Python's ``round`` (TOV), ``'floor'`` is ``int`` (RSISC).
"""
import json
import math
import os
import os.path as osp
import zlib
from typing import Dict, List, Optional, Sequence, Tuple, Union

import numpy as np

Sample = Tuple[str, int]
SplitLists = Dict[str, List[Sample]]
MODES = ('seeded', 'legacy')
ROUNDINGS = ('round', 'floor')


def train_count(n: int, ratio: float, rounding: str = 'round') -> int:
    """Training images of a class of ``n`` images."""
    if rounding not in ROUNDINGS:
        raise ValueError(f'rounding must be one of {ROUNDINGS}, '
                         f'got {rounding!r}')
    if not 0 < ratio < 1:
        raise ValueError(f'train_ratio must be in (0, 1), got {ratio}')
    return round(n * ratio) if rounding == 'round' else int(n * ratio)


def fraction_count(n: int, percent: float) -> int:
    """``max(round(n * percent / 100), 1)`` with halves rounded up."""
    return max(1, math.floor(n * percent / 100 + 0.5))


def selection_count(n_train: int, selection: Union[int, float]) -> int:
    """Images of a class's training share kept for model selection: an
    ``int`` is a count, a ``float`` below 1 a fraction (at least one)."""
    if isinstance(selection, float):
        if not 0 <= selection < 1:
            raise ValueError(f'a selection fraction must be in [0, 1), '
                             f'got {selection}')
        return 0 if selection == 0 else max(
            1, math.floor(n_train * selection + 0.5))
    if selection < 0:
        raise ValueError(f'selection count must be >= 0, got {selection}')
    return int(selection)


def subset_name(kind: str, value: float, of: str = 'train') -> str:
    """``('k', 5) -> 'train_k5'``, ``('p', 0.5) -> 'train_p0.5'``,
    ``('p', 25, 'pretrain') -> 'pretrain_p25'``."""
    return f'{of}_{kind}{value:g}'


def _class_rng(seed: int, name: str, stream: int) -> np.random.Generator:
    return np.random.default_rng([seed, zlib.crc32(name.encode()), stream])


def make_scene_splits(files: Dict[str, Sequence[str]],
                      train_ratio: Optional[float] = None,
                      test_files: Optional[Dict[str, Sequence[str]]] = None,
                      shots: Sequence[int] = (5, 20, 50, 100),
                      percents: Sequence[float] = (1, 5, 10),
                      pretrain_percents: Sequence[float] = (10, 25, 50),
                      selection: Union[int, float] = 0.1,
                      seed: int = 0,
                      split_seed: int = 0,
                      mode: str = 'seeded',
                      rounding: str = 'round') -> SplitLists:
    """Build the lists of one dataset.

    Args:
        files: Class name -> image paths, in label order of the classes.
            With ``test_files`` these are the training images only.
        train_ratio: Training share of each class; required unless
            ``test_files`` gives the test images.
        test_files: Class name -> test images of a predefined split.
        shots: Images per class of the ``train_k{k}`` lists.
        percents: Percent of each class's training share of the
            ``train_p{p}`` lists.
        pretrain_percents: Percent of each class's unlabelled images of
            the ``pretrain_p{q}`` lists.
        selection: Model-selection images per class (``int``) or fraction
            of each class's training share (``float``).
        seed: Seed of the labelled subsets.
        split_seed: Seed of the train/selection/test split (seeded mode).
        mode: ``'seeded'`` or ``'legacy'`` (see the module docstring).
        rounding: ``'round'`` or ``'floor'``.

    Returns:
        List name -> ``(path, label)`` pairs, sorted by label then path:
        ``train``, ``selection``, ``test``, the subsets, ``pretrain`` and
        its subsets.

    Raises:
        ValueError: On bad arguments, a class too small for a subset or a
            selection, or an image in two of train, selection and test.
    """
    if mode not in MODES:
        raise ValueError(f'mode must be one of {MODES}, got {mode!r}')
    if (train_ratio is None) == (test_files is None):
        raise ValueError('give either train_ratio or test_files (a '
                         'predefined test split), not both or neither')
    if test_files is not None and set(test_files) - set(files):
        raise ValueError('test classes without training images: '
                         f'{sorted(set(test_files) - set(files))}')
    lists: SplitLists = {'train': [], 'selection': [], 'test': []}
    for kind, values in (('k', shots), ('p', percents)):
        for value in sorted(values):
            lists[subset_name(kind, value)] = []
    lists['pretrain'] = []
    for percent in sorted(pretrain_percents):
        lists[subset_name('p', percent, 'pretrain')] = []
    for label, (name, class_files) in enumerate(files.items()):
        class_files = sorted(set(class_files))
        if test_files is not None:
            pool = class_files
            test = sorted(set(test_files.get(name, ())))
            if mode == 'seeded':
                pool = list(_class_rng(split_seed, name, 0).permutation(pool))
        else:
            n_train = train_count(len(class_files), train_ratio, rounding)
            if mode == 'seeded':
                class_files = list(
                    _class_rng(split_seed, name, 0).permutation(class_files))
            pool, test = class_files[:n_train], class_files[n_train:]
        if not pool:
            raise ValueError(f'class {name!r} has no training image')
        n_sel = selection_count(len(pool), selection)
        if n_sel >= len(pool):
            raise ValueError(
                f'class {name!r} has {len(pool)} training images, too few '
                f'for {n_sel} selection images and a training list')
        train, sel = pool[:len(pool) - n_sel], pool[len(pool) - n_sel:]
        order = (list(_class_rng(seed, name, 1).permutation(train))
                 if mode == 'seeded' else sorted(train))
        for k in shots:
            if k > len(train):
                raise ValueError(
                    f'class {name!r} has {len(train)} training images '
                    f'outside the selection split, fewer than k={k}; lower '
                    'k or the selection size')
            lists[subset_name('k', k)] += [(p, label) for p in order[:k]]
        for percent in percents:
            count = fraction_count(len(pool), percent)
            if count > len(train):
                raise ValueError(
                    f'class {name!r}: {percent:g} % is {count} images, more '
                    f'than the {len(train)} outside the selection split')
            lists[subset_name('p', percent)] += [(p, label)
                                                 for p in order[:count]]
        unlabelled = list(_class_rng(split_seed, name, 2).permutation(pool))
        lists['pretrain'] += [(p, label) for p in unlabelled]
        for percent in pretrain_percents:
            count = fraction_count(len(unlabelled), percent)
            lists[subset_name('p', percent, 'pretrain')] += [
                (p, label) for p in unlabelled[:count]]
        lists['train'] += [(p, label) for p in train]
        lists['selection'] += [(p, label) for p in sel]
        lists['test'] += [(p, label) for p in test]
    for name in lists:
        lists[name] = sorted(lists[name], key=lambda s: (s[1], s[0]))
    check_disjoint(lists)
    return lists


def check_disjoint(lists: SplitLists) -> None:
    """Raise if an image is in two of ``train``, ``selection``, ``test``,
    a labelled subset is not inside ``train`` or a pretraining list holds
    a test image."""
    groups = {k: {p for p, _ in lists[k]}
              for k in ('train', 'selection', 'test')}
    for a, b in (('train', 'selection'), ('train', 'test'),
                 ('selection', 'test')):
        shared = groups[a] & groups[b]
        if shared:
            raise ValueError(f'{len(shared)} images are in both {a} and '
                             f'{b}, e.g. {sorted(shared)[:3]}')
    for name, samples in lists.items():
        outside = {p for p, _ in samples} - groups['train']
        if name.startswith('train_') and outside:
            raise ValueError(f'{name} has images outside train, e.g. '
                             f'{sorted(outside)[:3]}')
        tested = {p for p, _ in samples} & groups['test']
        if name.startswith('pretrain') and tested:
            raise ValueError(f'{name} has test images, e.g. '
                             f'{sorted(tested)[:3]}')


def write_scene_splits(out_dir: str,
                       lists: SplitLists,
                       classes: Sequence[str],
                       info: Optional[dict] = None) -> Dict[str, str]:
    """Write ``{name}.txt`` (``path label`` lines), ``classes.txt`` and
    ``split_info.json`` (per-class counts and ``info``) to ``out_dir``.

    Returns:
        List name -> file written.
    """
    os.makedirs(out_dir, exist_ok=True)
    written = {}
    for name, samples in lists.items():
        path = osp.join(out_dir, f'{name}.txt')
        with open(path, 'w', encoding='utf-8', newline='\n') as f:
            f.writelines(f'{p} {label}\n' for p, label in samples)
        written[name] = path
    with open(osp.join(out_dir, 'classes.txt'), 'w', encoding='utf-8',
              newline='\n') as f:
        f.writelines(f'{c}\n' for c in classes)
    counts = {
        name: [sum(1 for _, label in samples if label == i)
               for i in range(len(classes))]
        for name, samples in lists.items()
    }
    summary = dict(info or {}, classes=list(classes), counts=counts)
    with open(osp.join(out_dir, 'split_info.json'), 'w',
              encoding='utf-8') as f:
        json.dump(summary, f, indent=1)
    return written
