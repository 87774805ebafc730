"""The reference directory layout shared by the labelled and the unlabelled
datasets::

    root/
      train_{DTYPE}/  train_lbl/  val_{DTYPE}/  val_lbl/  class_dict.txt
      {split}_{DTYPE}.txt  {split}_lbl.txt      # one file name a line

A split name containing ``train`` reads the ``train_*`` folders, one
containing ``val`` the ``val_*`` folders (``train`` is checked first, so
``trainSel`` and ``trainval`` read the training folders).
"""
import os.path as osp
from typing import Iterable, List


def split_folder(split: str) -> str:
    """``'trainR1' -> 'train'``, ``'val' -> 'val'``."""
    if 'train' in split:
        return 'train'
    if 'val' in split:
        return 'val'
    raise ValueError(f"split name {split!r} contains neither 'train' nor "
                     "'val', so it names no folder of the reference layout")


def read_name_list(path: str) -> List[str]:
    """File names of a list file, one a line; missing or empty lists are
    errors because a silently empty dataset only fails much later."""
    if not osp.isfile(path):
        raise FileNotFoundError(f'{path}: list file not found')
    with open(path, encoding='utf-8') as f:
        names = [line.strip() for line in f if line.strip()]
    if not names:
        raise ValueError(f'{path}: list file is empty')
    return names


def check_files_exist(paths: Iterable[str], source: str) -> None:
    """Raise naming the first missing file and where it was listed."""
    for path in paths:
        if not osp.isfile(path):
            raise FileNotFoundError(
                f'{path}: file listed by {source} does not exist')
