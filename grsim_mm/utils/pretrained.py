"""Initialise a segmentor from part of a self-supervised checkpoint."""
import glob
import logging
import os.path as osp
import re
from collections import OrderedDict
from typing import Dict, List, Optional, Sequence, Tuple

import torch
from mmengine.logging import print_log
from mmengine.model.weight_init import update_init_info
from mmengine.runner.checkpoint import _load_checkpoint
from mmseg.registry import WEIGHT_INITIALIZERS
from torch import nn

# Parameter-name prefixes of the DeepLabV3+ segmentor, shared by GLCNet
# checkpoints because GLCNet builds the same backbone and decode head.
KEY_GROUPS: Dict[str, Tuple[str, ...]] = OrderedDict(
    backbone=('backbone.', ),
    aspp=('decode_head.image_pool.', 'decode_head.aspp_modules.',
          'decode_head.bottleneck.'),
    decoder=('decode_head.c1_bottleneck.', 'decode_head.decoder.'),
    classifier=('decode_head.conv_seg.', ),
)
OTHER_GROUP = 'other'


def key_group(key: str) -> str:
    """Name of the :data:`KEY_GROUPS` entry a state-dict key falls into."""
    for group, prefixes in KEY_GROUPS.items():
        if key.startswith(prefixes):
            return group
    return OTHER_GROUP


def parse_mode(mode: str) -> Tuple[str, ...]:
    """Groups selected by ``mode``.

    ``'all'`` is everything except the classifier, whose number of classes
    is task specific; otherwise ``mode`` joins group names with ``+``, for
    example ``'backbone'`` or ``'backbone+aspp'``.
    """
    if mode == 'all':
        return tuple(g for g in (*KEY_GROUPS, OTHER_GROUP)
                     if g != 'classifier')
    groups = tuple(mode.split('+'))
    unknown = [g for g in groups if g not in KEY_GROUPS or g == 'classifier']
    if unknown or not groups:
        raise ValueError(
            f'Invalid init mode {mode!r}: use "all" or "+"-joined groups '
            f'from {[g for g in KEY_GROUPS if g != "classifier"]}')
    return groups


def select_state_dict(
    model_state: Dict[str, torch.Tensor],
    ckpt_state: Dict[str, torch.Tensor],
    mode: str,
) -> Tuple[Dict[str, torch.Tensor], Dict[str, Dict[str, List[str]]]]:
    """Pick the checkpoint tensors that ``mode`` loads into the model.

    Returns:
        tuple: the tensors to load, and per group the key lists
        ``loaded`` (taken), ``skipped`` (in both, but not selected),
        ``missing`` (selected model keys absent from the checkpoint) and
        ``unexpected`` (checkpoint keys the model does not have).

    Raises:
        ValueError: if a selected tensor has a different shape in the
            model, naming the key.
        RuntimeError: if nothing would be loaded, so a wrong checkpoint can
            never end in a silent random initialisation.
    """
    selected = parse_mode(mode)
    report = OrderedDict(
        (g, dict(loaded=[], skipped=[], missing=[], unexpected=[]))
        for g in (*KEY_GROUPS, OTHER_GROUP))
    to_load = OrderedDict()
    for key, value in ckpt_state.items():
        group = key_group(key)
        if key not in model_state:
            report[group]['unexpected'].append(key)
        elif group not in selected:
            report[group]['skipped'].append(key)
        elif value.shape != model_state[key].shape:
            raise ValueError(
                f'Shape mismatch for "{key}": checkpoint '
                f'{tuple(value.shape)}, model {tuple(model_state[key].shape)}.'
                ' Check that backbone depth, in_channels and head widths '
                'match the pretraining config.')
        else:
            to_load[key] = value
            report[group]['loaded'].append(key)
    for key in model_state:
        group = key_group(key)
        if group in selected and key not in ckpt_state:
            report[group]['missing'].append(key)
    if not to_load:
        found = sorted({key_group(k) for k in ckpt_state})
        raise RuntimeError(
            f'The checkpoint matches none of the model keys selected by '
            f'mode {mode!r} (groups {list(selected)}); it holds keys of '
            f'groups {found}. Refusing to continue from a random init.')
    return to_load, report


def format_report(report: Dict[str, Dict[str, List[str]]]) -> str:
    """A per-group table of loaded / skipped / missing / unexpected counts."""
    columns = ('loaded', 'skipped', 'missing', 'unexpected')
    lines = [f'{"group":<12}' + ''.join(f'{c:>12}' for c in columns)]
    for group, keys in report.items():
        if any(keys[c] for c in columns):
            lines.append(f'{group:<12}' +
                         ''.join(f'{len(keys[c]):>12}' for c in columns))
    return '\n'.join(lines)


@WEIGHT_INITIALIZERS.register_module(name='PretrainedPart')
class PretrainedPartInit:
    """Load selected parts of a pretraining checkpoint into a segmentor.

    Use it as the segmentor's ``init_cfg``::

        model = dict(
            type='EncoderDecoder',
            init_cfg=dict(type='PretrainedPart',
                          checkpoint='work_dirs/glcnet/epoch_400.pth',
                          mode='backbone+aspp'))

    Keys are matched by name (see :data:`KEY_GROUPS`). ``mode`` is
    ``'backbone'``, ``'backbone+aspp'`` (the GLCNet paper's choice),
    ``'all'`` (everything but the classifier) or any ``+``-joined groups.
    Parameters and BN buffers are loaded; projection heads and the
    classifier never are. What was loaded, skipped, missing and unexpected
    is logged per group.

    mmengine's ``BaseModule`` runs every initialiser except ``'Pretrained'``
    *before* the children's own ``init_weights()``, which would overwrite
    the loaded tensors. This initialiser therefore initialises the children
    itself first; ``BaseModule`` then skips them as already initialised.

    Args:
        checkpoint (str): Path or URI understood by mmengine's
            ``CheckpointLoader``, or a glob pattern of local files (the
            newest match is used).
        mode (str): Which groups to load. Defaults to ``'backbone+aspp'``.
        map_location (str): Device the checkpoint is loaded to.
        revise_keys (list[tuple[str, str]]): ``re.sub`` patterns applied to
            checkpoint keys first, e.g. to strip a wrapper prefix.
    """

    def __init__(self,
                 checkpoint: str,
                 mode: str = 'backbone+aspp',
                 map_location: str = 'cpu',
                 revise_keys: Optional[Sequence[Tuple[str, str]]] = (
                     (r'^module\.', ''), )) -> None:
        parse_mode(mode)
        self.checkpoint = checkpoint
        self.mode = mode
        self.map_location = map_location
        self.revise_keys = list(revise_keys or [])

    def resolve_checkpoint(self) -> str:
        """The checkpoint file, expanding a glob pattern to its newest match.

        Pretraining keeps its lowest-loss epoch as ``best_loss_epoch_N.pth``
        with N unknown in advance, so configs may name it by pattern.
        """
        if '://' in self.checkpoint or not glob.has_magic(self.checkpoint):
            return self.checkpoint
        found = sorted(glob.glob(self.checkpoint), key=osp.getmtime)
        if not found:
            raise FileNotFoundError(
                f'No checkpoint matches {self.checkpoint!r}; pretrain first '
                'or set model.init_cfg.checkpoint')
        return found[-1]

    def load_state(self, filename: str) -> Dict[str, torch.Tensor]:
        """The checkpoint's state dict with ``revise_keys`` applied."""
        ckpt = _load_checkpoint(filename, self.map_location)
        state = ckpt.get('state_dict', ckpt)
        for pattern, repl in self.revise_keys:
            state = OrderedDict(
                (re.sub(pattern, repl, k), v) for k, v in state.items())
        return state

    def __call__(self, module: nn.Module) -> None:
        for child in module.children():
            if hasattr(child, 'init_weights') and not getattr(
                    child, 'is_init', False):
                child.init_weights()

        filename = self.resolve_checkpoint()
        to_load, report = select_state_dict(module.state_dict(),
                                            self.load_state(filename),
                                            self.mode)
        module.load_state_dict(to_load, strict=False)
        print_log(
            f'Initialised from {filename} with mode {self.mode!r}: '
            f'{len(to_load)} tensors loaded\n{format_report(report)}',
            logger='current')
        for group in parse_mode(self.mode):
            missing = report[group]['missing']
            if missing:
                print_log(
                    f'{len(missing)} "{group}" tensors are not in the '
                    f'checkpoint and keep their random init, e.g. '
                    f'{missing[:3]}',
                    logger='current',
                    level=logging.WARNING)
        if hasattr(module, '_params_init_info'):
            update_init_info(module, init_info=self._get_init_info())

    def _get_init_info(self) -> str:
        return f'{self.__class__.__name__}: mode={self.mode}, ' \
               f'checkpoint={self.checkpoint}'
