"""Initialise a segmentor's backbone from ImageNet-supervised ResNet weights.

The GLCNet paper's main baseline fine-tunes from a ResNet trained with
labels on ImageNet. Those weights read 3 bands; the stem is inflated to the
dataset's bands (:mod:`.stem_inflation`): the RGB filters go to the bands
the config marks as red, green and blue, every other band gets the mean RGB
filter, and the whole filter is scaled by ``3 / num_bands``.
"""
import os.path as osp
import urllib.error
import urllib.request
from typing import Dict, Optional, Sequence, Tuple
from urllib.parse import urlparse

import torch
from mmengine.logging import print_log
from mmengine.registry import WEIGHT_INITIALIZERS
from torch import nn

from .pretrained_backbone import PretrainedBackboneInit
from .stem_inflation import inflate_state_dict_stem, rgb_bands_from_names

#: torchvision's ResNet-50 ImageNet weights (``IMAGENET1K_V1``).
TORCHVISION_RESNET50 = \
    'https://download.pytorch.org/models/resnet50-0676ba61.pth'


def band_mapping(num_bands: int,
                 rgb_bands: Optional[Sequence[int]] = None,
                 band_names: Optional[Sequence[str]] = None
                 ) -> Tuple[int, int, int]:
    """0-based indices of the red, green and blue bands among ``num_bands``,
    from ``rgb_bands`` or from the dataset's ``band_names``.

    Raises:
        ValueError: Neither is given, ``band_names`` lists another band
            count than the model reads or names no red/green/blue, or the
            two disagree.
    """
    if rgb_bands is None and band_names is None:
        raise ValueError(
            f'An ImageNet (RGB) stem inflated to {num_bands} bands needs '
            'the band mapping: set model.init_cfg.band_names to the '
            "dataset's band_names, or model.init_cfg.rgb_bands=(r, g, b) "
            '(0-based indices of the red, green and blue bands)')
    named = None
    if band_names is not None:
        if len(band_names) != num_bands:
            raise ValueError(
                f'band_names {list(band_names)} list {len(band_names)} '
                f"bands, but the model's stem reads {num_bands}; give the "
                "band_names of the dataset the model is built for")
        named = rgb_bands_from_names(band_names)
    if rgb_bands is None:
        return named
    bands = tuple(int(b) for b in rgb_bands)
    if named is not None and bands != named:
        raise ValueError(
            f'rgb_bands {bands} contradict band_names {list(band_names)}, '
            f'which put red, green and blue at {named}; give one of them')
    return bands


@WEIGHT_INITIALIZERS.register_module(name='ImageNetBackbone')
class ImageNetBackboneInit(PretrainedBackboneInit):
    """Load an ImageNet-supervised ResNet into a segmentor's backbone,
    inflating its RGB stem to the dataset's bands.

    Reads torchvision's naming (``conv1.weight``, ``layer1.0.bn1.*``,
    classifier ``fc.*``) and OpenMMLab's (``backbone.conv1.weight``, ...,
    classifier ``head.*``); both name the ResNet as mmseg's ``ResNet`` does
    (plain 7x7 stem). Every backbone tensor must be in the file with the
    right shape; the classifier is left out. The batch counters that older
    torchvision files lack keep the model's value. Put it on the segmentor::

        model = dict(init_cfg=dict(
            type='ImageNetBackbone',
            checkpoint='https://download.pytorch.org/models/'
                       'resnet50-0676ba61.pth',
            band_names=('R', 'G', 'B', 'NIR')))

    Args:
        checkpoint: Local file, http(s) URL (downloaded once into torch's
            hub cache) or an mmengine URI such as ``torchvision://resnet50``.
        rgb_bands: 0-based dataset bands that receive the red, green and
            blue filters.
        band_names: The dataset's band names; the bands named red, green
            and blue (or R, G, B) receive those filters, and their count
            must be the stem's.
        target: Attribute of the model that receives the weights.
        stem_key: The first convolution's key in the backbone.
        map_location: Device the checkpoint is loaded to.
    """

    def __init__(self,
                 checkpoint: Optional[str] = TORCHVISION_RESNET50,
                 rgb_bands: Optional[Sequence[int]] = None,
                 band_names: Optional[Sequence[str]] = None,
                 target: str = 'backbone',
                 stem_key: str = 'conv1.weight',
                 map_location: str = 'cpu') -> None:
        super().__init__(
            checkpoint=checkpoint,
            prefix='backbone.',
            target=target,
            ignore_keys=(r'^fc\.', ),
            stem_key=stem_key,
            map_location=map_location)
        self.rgb_bands = None if rgb_bands is None else tuple(rgb_bands)
        self.band_names = None if band_names is None else tuple(band_names)

    def adapt_state(self, state: Dict[str, torch.Tensor],
                    target: nn.Module) -> Dict[str, torch.Tensor]:
        """OpenMMLab naming for the matching, the stem inflated to the
        model's bands."""
        if not any(k.startswith(self.prefix) for k in state):
            state = {self.prefix + k: v for k, v in state.items()}
        own = target.state_dict()
        if self.stem_key not in own:
            raise KeyError(f'{type(target).__name__} has no {self.stem_key!r}'
                           '; set stem_key to its first convolution')
        num_bands = own[self.stem_key].shape[1]
        mapping = band_mapping(num_bands, self.rgb_bands, self.band_names)
        state = inflate_state_dict_stem(
            state, num_bands, mapping, key=self.prefix + self.stem_key,
            source=str(self.checkpoint))
        for key, value in own.items():
            if key.endswith('num_batches_tracked') and \
                    self.prefix + key not in state:
                state[self.prefix + key] = value.clone()
        print_log(
            f'ImageNet stem inflated to {num_bands} bands: RGB filters in '
            f'bands {mapping}, the mean RGB filter in the others, scaled by '
            f'3/{num_bands}', logger='current')
        return state

    def _get_init_info(self) -> str:
        return (f'{self.__class__.__name__}: checkpoint={self.checkpoint}, '
                f'rgb_bands={self.rgb_bands}, band_names={self.band_names}')


def hub_cache_path(url: str) -> str:
    """Where mmengine's http(s) loader keeps a downloaded checkpoint (torch
    hub's ``checkpoints`` folder, under the URL's file name)."""
    return osp.join(torch.hub.get_dir(), 'checkpoints',
                    osp.basename(urlparse(url).path))


def checkpoint_unavailable(checkpoint: str,
                           timeout: float = 10.0) -> Optional[str]:
    """Why ``checkpoint`` cannot be loaded here, or None when it can.

    A local file must exist; an http(s) URL must be in the hub cache or
    answer a HEAD request within ``timeout`` seconds (nothing is
    downloaded). Other URIs are left to their loader.
    """
    scheme = urlparse(checkpoint).scheme
    if scheme in ('http', 'https'):
        if osp.isfile(hub_cache_path(checkpoint)):
            return None
        try:
            request = urllib.request.Request(checkpoint, method='HEAD')
            with urllib.request.urlopen(request, timeout=timeout):
                return None
        except (urllib.error.URLError, OSError, ValueError) as e:
            reason = getattr(e, 'reason', e)
            return (f'{checkpoint} cannot be reached ({reason}) and is not '
                    f'in the download cache ({hub_cache_path(checkpoint)}); '
                    'download it there, or point model.init_cfg.checkpoint '
                    'at a local copy (study: --finetune-options '
                    'model.init_cfg.checkpoint=PATH)')
    if '://' in checkpoint:
        return None
    if not osp.isfile(checkpoint):
        return f'{checkpoint}: no such file'
    return None
