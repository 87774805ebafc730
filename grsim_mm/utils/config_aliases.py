"""Old config names keep working after a rename.

A renamed config leaves its old name in an ``aliases.txt`` beside the new
file: one ``old_name new_name`` pair a line. The entry points resolve a
config path that does not exist through that table and say which file they
use, so scripts written against the old names keep running.
"""
import os.path as osp
import warnings
from typing import Dict, Optional

from mmengine.config import Config

ALIAS_FILE = 'aliases.txt'


def resolve_config(path: str) -> str:
    """``path`` itself when it exists, else its new name from the
    ``aliases.txt`` of its folder.

    Raises:
        FileNotFoundError: Neither the file nor an alias exists.
    """
    if osp.isfile(path):
        return path
    folder, name = osp.split(path)
    table = osp.join(folder, ALIAS_FILE)
    if osp.isfile(table):
        with open(table, encoding='utf-8') as f:
            for line in f:
                fields = line.split('#', 1)[0].split()
                if len(fields) == 2 and fields[0] == name:
                    new = osp.join(folder, fields[1])
                    warnings.warn(f'{path} was renamed to {new}; using it')
                    return new
    raise FileNotFoundError(f'{path}: config not found (nor an alias of it '
                            f'in {table})')


def load_config(path: str, options: Optional[Dict] = None) -> Config:
    """The config at ``path`` (or its new name) with ``options`` (the
    ``--cfg-options`` of a tool) merged in."""
    cfg = Config.fromfile(resolve_config(path))
    if options:
        cfg.merge_from_dict(options)
    return cfg
