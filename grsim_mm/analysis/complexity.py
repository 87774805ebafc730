"""FLOPs and parameters of a config's model, for any band count.

The band count comes from the config (the per-band ``mean`` of its data
preprocessor, which the backbone follows) or is set by :func:`set_bands`,
which changes only the stem's first convolution. What is measured is one
forward pass of one image in ``tensor`` mode: a segmentor up to its logits
(at the decoder's resolution, as mmseg's tool); a self-supervised algorithm
through its feature extractor on one view, heads and the second view not
counted; a classifier up to its logits. FLOPs count one multiply-add as one
(mmengine's ``FlopAnalyzer``, fvcore's convention); operators without a FLOP
rule (normalisation, resizing, pooling) are reported as not counted.
Parameters count every parameter of the model, heads included.
"""
import copy
from typing import List, Optional

import torch
from mmengine.analysis import FlopAnalyzer, parameter_count
from mmengine.analysis.print_helper import complexity_stats_table
from mmengine.config import Config
from mmengine.model import revert_sync_batchnorm
from mmengine.registry import MODELS, init_default_scope


def _preprocessors(cfg: Config) -> List[dict]:
    found = [cfg.get('data_preprocessor'),
             cfg.model.get('data_preprocessor')]
    return [p for p in found if p is not None]


def config_bands(cfg: Config) -> Optional[int]:
    """Band count the config's model takes: its preprocessor's per-band
    mean, else the backbone's ``in_channels``."""
    for pre in _preprocessors(cfg):
        mean = pre.get('mean')
        if mean is not None and len(mean) > 1:
            return len(mean)
    return (cfg.model.get('backbone') or {}).get('in_channels')


def set_bands(cfg: Config, bands: int) -> None:
    """Make the config's model take ``bands`` bands: the statistics become
    ``bands`` copies of their mean (values do not change FLOPs), an explicit
    backbone ``in_channels`` follows."""
    if bands < 1:
        raise ValueError(f'the band count must be positive, got {bands}')
    for pre in _preprocessors(cfg):
        for key in ('mean', 'std'):
            values = pre.get(key)
            if values is not None:
                pre[key] = [float(sum(values)) / len(values)] * bands
    backbone = cfg.model.get('backbone')
    if backbone is not None and 'in_channels' in backbone:
        backbone['in_channels'] = bands


def input_shape(cfg: Config, shape: Optional[List[int]]) -> tuple:
    """``(height, width)`` from ``--shape`` or the config's crop size."""
    if shape is None:
        shape = cfg.get('crop_size')
        if shape is None:
            raise ValueError('the config has no crop_size; give the input '
                             'size with --shape H [W]')
    shape = [int(v) for v in ([shape] if isinstance(shape, int) else shape)]
    if len(shape) not in (1, 2) or min(shape) < 1:
        raise ValueError(f'--shape takes H or H W, got {shape}')
    return (shape[0], shape[-1])


def model_complexity(cfg: Config, bands: Optional[int] = None,
                     shape: Optional[List[int]] = None,
                     table: bool = False) -> dict:
    """``flops``, ``params``, ``bands``, ``shape`` (and ``table``) of the
    config's model on one ``bands x H x W`` input."""
    cfg = copy.deepcopy(cfg)
    if bands is not None:
        set_bands(cfg, bands)
    bands = config_bands(cfg)
    if bands is None:
        raise ValueError('the config states no band count (no per-band '
                         'mean, no backbone.in_channels); give --bands N')
    height, width = input_shape(cfg, shape)
    if (cfg.model.get('data_preprocessor') is None
            and cfg.get('data_preprocessor') is not None):
        # as mmengine's Runner does for pretraining configs
        cfg.model.data_preprocessor = copy.deepcopy(cfg.data_preprocessor)
    init_default_scope(cfg.get('default_scope', 'mmseg'))
    model = revert_sync_batchnorm(MODELS.build(cfg.model)).eval()
    inputs = torch.rand(1, bands, height, width)
    # mmengine's get_model_complexity_info with its warnings gathered: the
    # operators it cannot count are reported once, by name, in the result.
    analyzer = FlopAnalyzer(model, (inputs, ))
    analyzer.unsupported_ops_warnings(False)
    analyzer.uncalled_modules_warnings(False)
    with torch.no_grad():
        flops = analyzer.total()
    return dict(flops=flops, params=parameter_count(model)[''], bands=bands,
                shape=(height, width),
                not_counted=dict(analyzer.unsupported_ops()),
                table=complexity_stats_table(analyzer) if table else '')
