"""Load mmengine checkpoints with ``torch.load(weights_only=True)``.

Since torch 2.6 ``torch.load`` only unpickles tensors and plain containers
unless told otherwise, and mmengine 0.10.7 cannot resume its own
checkpoints: the message hub stores ``HistoryBuffer`` objects holding numpy
arrays and scalars.  Instead of switching the protection off, the few types
mmengine writes are allow-listed, and the local-file loader is replaced by
one that explains a refused checkpoint instead of dumping a pickle trace.
Files fetched over http(s) keep torch's default, which stays
``weights_only=True``.
"""
import os.path as osp
import pickle
from typing import Callable, List, Optional, Union

import numpy as np
import torch
from mmengine.logging import HistoryBuffer
from mmengine.runner.checkpoint import CheckpointLoader


def _numpy_globals() -> List[Union[Callable, type]]:
    """numpy objects needed to rebuild arrays, scalars and dtypes."""
    multiarray = np._core.multiarray if hasattr(np, '_core') \
        else np.core.multiarray
    dtype_classes = [type(np.dtype(t)) for t in (
        np.bool_, np.int8, np.int16, np.int32, np.int64, np.uint8,
        np.uint16, np.uint32, np.uint64, np.float16, np.float32, np.float64)]
    return [multiarray._reconstruct, multiarray.scalar, np.ndarray, np.dtype,
            *dtype_classes]


def history_buffer_statistic(owner: type, name: str) -> Callable:
    """Stand-in for ``getattr`` when unpickling a ``HistoryBuffer``.

    A buffer pickles its statistics (``min``, ``mean``, ...) as
    ``getattr(HistoryBuffer, name)``.  Allowing the real ``getattr`` would let
    a checkpoint reach any attribute of any allow-listed object, so only the
    registered statistics of ``HistoryBuffer`` are resolved.
    """
    allowed = {'min', 'max', 'current', 'mean',
               *HistoryBuffer._statistics_methods}
    if owner is HistoryBuffer and name in allowed:
        return getattr(owner, name)
    raise pickle.UnpicklingError(
        f'getattr({owner!r}, {name!r}) is not an allowed global')


#: Every non-tensor global found in checkpoints written by mmengine 0.10.7.
#: ``getattr`` is written as ``__builtin__`` (pickle protocol 2, torch's
#: default) or ``builtins`` (protocol 3 and later).
MMENGINE_SAFE_GLOBALS = [
    HistoryBuffer, *_numpy_globals(),
    (history_buffer_statistic, '__builtin__.getattr'),
    (history_buffer_statistic, 'builtins.getattr'),
]


def load_local_checkpoint(filename: str,
                          map_location: Optional[Union[str, Callable]] = None
                          ) -> dict:
    """Load a local checkpoint with ``weights_only=True``.

    Raises:
        FileNotFoundError: the file does not exist.
        RuntimeError: the file holds a pickled object outside the allow-list,
            or is not a torch checkpoint at all.
    """
    filename = osp.expanduser(filename)
    if not osp.isfile(filename):
        raise FileNotFoundError(f'{filename} can not be found.')
    try:
        return torch.load(filename, map_location=map_location,
                          weights_only=True)
    except pickle.UnpicklingError as err:
        detail = str(err).strip().splitlines()
        reason = next((line for line in detail if 'GLOBAL' in line),
                      detail[0] if detail else 'unreadable pickle')
        raise RuntimeError(
            f'Refusing to load checkpoint {filename}: it contains a pickled '
            f'object that is not allow-listed ({reason.strip()}). Only '
            'tensors, containers and the numpy/mmengine types written by '
            'mmengine are accepted; re-save the weights as a plain '
            'state_dict if you trust this file.') from err
    except RuntimeError as err:
        raise RuntimeError(
            f'{filename} is not a readable torch checkpoint: {err}') from err


def register_safe_checkpoint_loading() -> None:
    """Allow-list mmengine's checkpoint globals and install the loader."""
    torch.serialization.add_safe_globals(MMENGINE_SAFE_GLOBALS)
    CheckpointLoader.register_scheme(
        prefixes='', loader=load_local_checkpoint, force=True)
