"""Initialise a classifier's backbone from any pretraining checkpoint."""
import re
from collections import Counter, OrderedDict
from typing import Dict, Optional, Sequence, Tuple

import torch
from mmengine.logging import print_log
from mmengine.model.weight_init import update_init_info
from mmengine.registry import WEIGHT_INITIALIZERS
from torch import nn

from .pretrained import PretrainedPartInit
from .stem_inflation import inflate_state_dict_stem


def select_stem_bands(found: Dict[str, torch.Tensor], stem_key: str,
                      stem_bands: Sequence[int]) -> None:
    """Keep the input channels ``stem_bands`` (0-based, in the model's band
    order) of the first convolution ``found[stem_key]``, in place."""
    if stem_key not in found:
        raise KeyError(f'stem_bands given, but the checkpoint backbone has '
                       f'no {stem_key!r}; set stem_key')
    weight = found[stem_key]
    bad = [b for b in stem_bands if not 0 <= b < weight.shape[1]]
    if bad:
        raise ValueError(f'stem_bands {bad} do not exist: the checkpoint\'s '
                         f'{stem_key} reads {weight.shape[1]} bands')
    found[stem_key] = weight[:, list(stem_bands)].clone()


def match_backbone(model_state: Dict[str, torch.Tensor],
                   ckpt_state: Dict[str, torch.Tensor],
                   prefix: str = 'backbone.',
                   ignore_keys: Sequence[str] = (),
                   stem_bands: Optional[Sequence[int]] = None,
                   stem_key: str = 'conv1.weight'
                   ) -> Tuple[Dict[str, torch.Tensor], Dict[str, int]]:
    """The checkpoint's backbone tensors, keyed as in the model's backbone.

    Every tensor of ``model_state`` (the backbone's own state dict) must be
    in the checkpoint under ``prefix`` with the same shape, and every
    checkpoint tensor under ``prefix`` must be used, unless it matches one
    of the ``ignore_keys`` regular expressions (searched in the key without
    prefix, e.g. ``'^fc\\.'`` for a torchvision classifier). With
    ``stem_bands`` the first convolution (``stem_key``) keeps only those
    input bands of the checkpoint, e.g. ``[0, 1, 2]`` to evaluate an R, G,
    B, NIR pretraining on R, G, B scenes.

    Returns:
        The tensors to load, and the count of the checkpoint's other keys by
        their first name component (``decode_head``, ``neck``, ``encoder_k``,
        ...), plus ``'ignored'`` for keys dropped by ``ignore_keys``.

    Raises:
        KeyError: Backbone tensors missing from the checkpoint, or
            checkpoint backbone tensors the model does not have.
        ValueError: A tensor whose shape differs, naming the key.
    """
    found: Dict[str, torch.Tensor] = OrderedDict()
    others: Counter = Counter()
    patterns = [re.compile(p) for p in ignore_keys]
    for key, value in ckpt_state.items():
        if not key.startswith(prefix):
            others[key.split('.', 1)[0]] += 1
        elif any(p.search(key[len(prefix):]) for p in patterns):
            others['ignored'] += 1
        else:
            found[key[len(prefix):]] = value
    if not found:
        groups = sorted(others)
        raise KeyError(f'the checkpoint has no tensor under {prefix!r} (its '
                       f'keys start with {groups}); set prefix to where '
                       'the backbone is stored')
    if stem_bands is not None:
        select_stem_bands(found, stem_key, stem_bands)
    missing = [k for k in model_state if k not in found]
    unused = [k for k in found if k not in model_state]
    if missing or unused:
        raise KeyError(
            f'backbone and checkpoint do not match: {len(missing)} backbone '
            f'tensors missing from the checkpoint (e.g. {missing[:3]}), '
            f'{len(unused)} checkpoint tensors under {prefix!r} unknown to '
            f'the backbone (e.g. {unused[:3]}); check depth, num_stages and '
            'the stem type against the pretraining config, or drop '
            'deliberate extras with ignore_keys')
    for key, value in found.items():
        if value.shape != model_state[key].shape:
            raise ValueError(
                f'shape mismatch for {prefix}{key}: checkpoint '
                f'{tuple(value.shape)}, model '
                f'{tuple(model_state[key].shape)}; in_channels (bands), '
                'depth and widths must match the pretraining config')
    return found, dict(others)


@WEIGHT_INITIALIZERS.register_module(name='PretrainedBackbone')
class PretrainedBackboneInit(PretrainedPartInit):
    """Load the backbone of a pretraining checkpoint into a model, by name,
    refusing to skip anything.

    Works with every checkpoint the toolbox writes: the segmentation
    pretraining methods (GLCNet, SSCCL, inpainting, jigsaw) and SegMoCo /
    SegDenseCL keep the mmseg ResNet as ``backbone.*``, mmpretrain's
    algorithms (SimCLR, MoCo, the RSISC pretext tasks) their mmpretrain
    ResNet as ``backbone.*``; both ResNets have the same parameter names.
    Decode heads, necks, heads, momentum encoders and queues are left out
    and counted in the log.

    Put it on the **model** (e.g. mmpretrain's ``ImageClassifier``), not on
    the backbone::

        model = dict(
            type='ImageClassifier',
            init_cfg=dict(type='PretrainedBackbone',
                          checkpoint='work_dirs/glcnet/epoch_400.pth'),
            backbone=dict(type='ResNet', depth=50, ...), ...)

    It first runs the children's own initialisation and then overwrites the
    backbone, so nothing initialised later (such as ResNet's
    ``zero_init_residual``) can undo the loaded weights. Placed on a
    backbone that would zero-initialise residual branches afterwards, it
    raises instead.

    A model config may name the initialiser without a checkpoint (the
    scene classifiers do) and leave the checkpoint to the leaf or to
    ``--cfg-options model.init_cfg.checkpoint=PATH``; initialising without
    one is an error.

    Args:
        checkpoint: Path or URI, or a glob pattern of local files (the
            newest match is used).
        prefix: Where the checkpoint keeps the backbone.
        target: Attribute of the model that receives it; '' for the
            module the initialiser is attached to.
        ignore_keys: Regular expressions of checkpoint backbone keys (without
            prefix) that are deliberately not loaded.
        stem_bands: 0-based input bands of the checkpoint's first
            convolution to keep, in the model's band order; for evaluating
            on a subset of the pretraining bands (logged).
        stem_key: The first convolution's key in the backbone.
        rgb_bands: 0-based indices of the model's red, green and blue bands;
            given, an RGB stem in the checkpoint is inflated to the model's
            band count (:func:`~grsim_mm.utils.inflate_stem`, logged), e.g.
            natural-image weights for multispectral data.
        map_location: Device the checkpoint is loaded to.
        revise_keys: ``re.sub`` patterns applied to checkpoint keys first.
    """

    def __init__(self,
                 checkpoint: Optional[str] = None,
                 prefix: str = 'backbone.',
                 target: str = 'backbone',
                 ignore_keys: Sequence[str] = (),
                 stem_bands: Optional[Sequence[int]] = None,
                 stem_key: str = 'conv1.weight',
                 rgb_bands: Optional[Sequence[int]] = None,
                 map_location: str = 'cpu',
                 revise_keys: Optional[Sequence[Tuple[str, str]]] = (
                     (r'^module\.', ''), )) -> None:
        self.checkpoint = checkpoint
        self.prefix = prefix
        self.target = target
        self.ignore_keys = list(ignore_keys)
        self.stem_bands = None if stem_bands is None else list(stem_bands)
        self.stem_key = stem_key
        if rgb_bands is not None and stem_bands is not None:
            raise ValueError('PretrainedBackbone: give stem_bands (keep some '
                             'checkpoint bands) or rgb_bands (inflate an RGB '
                             'stem), not both')
        self.rgb_bands = None if rgb_bands is None else list(rgb_bands)
        self.map_location = map_location
        self.revise_keys = list(revise_keys or [])

    def _target(self, module: nn.Module) -> nn.Module:
        if not self.target:
            if getattr(module, 'zero_init_residual', False):
                raise ValueError(
                    f'{type(module).__name__} zero-initialises its residual '
                    'branches after init_cfg runs, which would overwrite '
                    'the loaded weights: put PretrainedBackbone on the '
                    'model (target="backbone") or set '
                    'zero_init_residual=False')
            return module
        target = getattr(module, self.target, None)
        if not isinstance(target, nn.Module):
            raise AttributeError(
                f'{type(module).__name__} has no module {self.target!r} to '
                'load the backbone into')
        return target

    def __call__(self, module: nn.Module) -> None:
        for child in module.children():
            if hasattr(child, 'init_weights') and not getattr(
                    child, 'is_init', False):
                child.init_weights()
        target = self._target(module)
        if not self.checkpoint:
            raise ValueError(
                'PretrainedBackbone has no checkpoint: set '
                'model.init_cfg.checkpoint=PATH, or model.init_cfg=None to '
                'train from random weights')
        filename = self.resolve_checkpoint()
        model_state = target.state_dict()
        state = self.inflate_rgb_stem(
            model_state,
            self.adapt_state(self.load_state(filename), target), filename)
        tensors, others = match_backbone(model_state, state,
                                         self.prefix, self.ignore_keys,
                                         self.stem_bands, self.stem_key)
        target.load_state_dict(tensors, strict=True)
        params = sum(1 for _ in target.parameters())
        other = ', '.join(f'{k} {v}' for k, v in sorted(others.items()))
        print_log(
            f'Backbone initialised from {filename}: all {len(tensors)} '
            f'tensors ({params} parameters, {len(tensors) - params} '
            f'buffers) under {self.prefix!r} loaded; not used: '
            f'{other or "nothing"}' +
            (f'; {self.stem_key} reads bands {self.stem_bands} of the '
             'checkpoint' if self.stem_bands is not None else ''),
            logger='current')
        if hasattr(module, '_params_init_info'):
            update_init_info(module, init_info=self._get_init_info())

    def adapt_state(self, state: Dict[str, torch.Tensor],
                    target: nn.Module) -> Dict[str, torch.Tensor]:
        """Hook for subclasses that rename or reshape checkpoint tensors
        for ``target`` before matching; the checkpoint as it is here."""
        return state

    def inflate_rgb_stem(self, model_state: Dict[str, torch.Tensor],
                         state: Dict[str, torch.Tensor],
                         filename: str) -> Dict[str, torch.Tensor]:
        """``state`` with its RGB stem inflated to the model's band count,
        when ``rgb_bands`` is set and the two differ."""
        key = self.prefix + self.stem_key
        want, have = model_state.get(self.stem_key), state.get(key)
        if (self.rgb_bands is None or want is None or have is None
                or have.shape[1] == want.shape[1]):
            return state
        print_log(
            f'{filename}: RGB stem {key} inflated to {want.shape[1]} bands '
            f'(red, green, blue = bands {self.rgb_bands})',
            logger='current')
        return inflate_state_dict_stem(state, want.shape[1], self.rgb_bands,
                                       key=key, source=filename)

    def _get_init_info(self) -> str:
        return (f'{self.__class__.__name__}: prefix={self.prefix}, '
                f'checkpoint={self.checkpoint}')

