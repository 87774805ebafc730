"""mmpretrain models whose network follows the data and the backbone."""
import copy
import inspect
from typing import List, Optional, Union

from mmpretrain.registry import MODELS
from torch import nn

from .follow_backbone import init_defaults, output_channels
from .follow_data_bands import follow_data_bands

ModuleCfg = Optional[Union[dict, nn.Module]]


def fill_input_widths(cfg: ModuleCfg, widths: Optional[List[int]],
                      in_channels: Optional[int], owner: str,
                      part: str) -> ModuleCfg:
    """A copy of a neck or head config with its missing ``in_channels``
    (and an ``InpaintingHead``'s ``skip_channels``, the widths of the
    backbone outputs its ``skip_indices`` name) filled in.

    Only arguments the class accepts and the config leaves out (or sets to
    None) are filled; given values are kept.
    """
    if cfg is None or isinstance(cfg, nn.Module):
        return cfg
    cfg = copy.deepcopy(cfg)
    head_type = cfg.get('type')
    cls = head_type if inspect.isclass(head_type) else MODELS.get(head_type)
    if cls is None:
        return cfg  # let the registry report the unknown type
    accepted = init_defaults(cls)
    wanted = {'in_channels': in_channels}
    if 'skip_indices' in cfg and widths is not None:
        wanted['skip_channels'] = [widths[i] for i in cfg['skip_indices']]
    for key, value in wanted.items():
        if key in accepted and cfg.get(key) is None:
            if value is None:
                raise ValueError(
                    f'{owner}: {part}.{key} is not set and the output '
                    'widths of the backbone are unknown; set it in the '
                    'config')
            cfg[key] = value
    return cfg


class FollowDataMixin:
    """For mmpretrain models built from ``backbone``, ``neck`` and ``head``
    configs (``ImageClassifier``, ``BaseSelfSupervisor`` subclasses): the
    configs carry no band count and no widths.

    - the backbone's ``in_channels`` is the band count of the data
      preprocessor (:func:`follow_data_bands`);
    - the neck's missing ``in_channels`` is the width of the backbone's last
      output, the head's that of the neck's ``out_channels`` if it has one,
      else the backbone's (ResNet of any depth, Swin, ViT), and a
      reconstruction head's ``skip_channels`` the widths of the outputs its
      ``skip_indices`` name.

    So ``model = dict(backbone=dict(depth=18))`` swaps ResNet-50 for
    ResNet-18, and one model config serves 3 and 13 bands. Put it first
    among the bases: ``class RSISimCLR(FollowDataMixin, SimCLR)``.
    """

    def __init__(self,
                 backbone: Union[dict, nn.Module],
                 neck: ModuleCfg = None,
                 head: ModuleCfg = None,
                 **kwargs) -> None:
        owner = type(self).__name__
        if not isinstance(backbone, nn.Module):
            backbone = MODELS.build(
                follow_data_bands(backbone, kwargs.get('data_preprocessor'),
                                  owner))
        widths = output_channels(backbone)
        last = widths[-1] if widths else None
        neck = fill_input_widths(neck, widths, last, owner, 'neck')
        if isinstance(neck, dict) and neck.get('out_channels') is not None:
            last = neck['out_channels']
        head = fill_input_widths(head, widths, last, owner, 'head')
        super().__init__(backbone=backbone, neck=neck, head=head, **kwargs)
