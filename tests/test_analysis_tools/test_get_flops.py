"""FLOPs and parameters for any band count (grsim_mm.analysis.complexity
and tools/analysis_tools/get_flops.py)."""
import copy
import os.path as osp

import pytest
import torch.nn as nn
from tool_loader import FINETUNE, PRETRAIN, REPO_ROOT, load_tool
from mmengine.config import Config
from mmengine.registry import MODELS

from grsim_mm.analysis import config_bands, model_complexity, set_bands

tool = load_tool('get_flops')


def first_conv(cfg: Config, bands: int):
    """The model for ``bands`` bands and its first convolution."""
    cfg = copy.deepcopy(cfg)
    set_bands(cfg, bands)
    cfg.model.data_preprocessor = cfg.model.get(
        'data_preprocessor') or cfg.data_preprocessor
    model = MODELS.build(cfg.model)
    return model, next(m for m in model.modules() if isinstance(m, nn.Conv2d))


def test_band_count_changes_only_the_stem():
    cfg = Config.fromfile(osp.join(REPO_ROOT, FINETUNE))
    assert config_bands(cfg) == 4
    four = model_complexity(cfg, shape=[32])
    thirteen = model_complexity(cfg, bands=13, shape=[32, 32])
    assert four['bands'] == 4 and thirteen['bands'] == 13
    model, conv = first_conv(cfg, 13)
    # parameters: every parameter of the model
    assert thirteen['params'] == sum(p.numel() for p in model.parameters())
    # 9 more input bands: 9 more input channels of the first convolution,
    # one multiply-add per weight and output pixel
    per_band = conv.out_channels * conv.kernel_size[0] * conv.kernel_size[1]
    out_pixels = (32 // conv.stride[0]) * (32 // conv.stride[1])
    assert thirteen['params'] - four['params'] == 9 * per_band
    assert thirteen['flops'] - four['flops'] == 9 * per_band * out_pixels


def test_pretraining_config_and_output(capsys):
    tool.main([osp.join(REPO_ROOT, PRETRAIN), '--bands', '13', '--shape',
               '32'])
    out = capsys.readouterr().out
    assert 'input: 13 bands x 32 x 32' in out
    assert 'parameters:' in out and 'FLOPs:' in out


def test_clear_errors():
    cfg = Config(dict(model=dict(type='EncoderDecoder', backbone=dict())))
    with pytest.raises(ValueError, match='no band count'):
        model_complexity(cfg, shape=[32])
    cfg = Config.fromfile(osp.join(REPO_ROOT, FINETUNE))
    cfg.merge_from_dict({'crop_size': None})
    with pytest.raises(ValueError, match='no crop_size; give the input '
                       'size with --shape'):
        model_complexity(cfg)
