"""PretrainedPart on a synthetic checkpoint with GLCNet's key layout."""
import os

import pytest
import torch
from mmengine.model import BaseModule
from mmengine.registry import DefaultScope
from torch import nn

from grsim_mm.utils.pretrained import (PretrainedPartInit, format_report,
                                       select_state_dict)


class _Head(BaseModule):
    """Parameter names of DeepLabV3PlusHead, tiny widths."""

    def __init__(self, num_classes: int, **kwargs) -> None:
        super().__init__(**kwargs)
        self.image_pool = nn.Conv2d(4, 2, 1)
        self.aspp_modules = nn.ModuleList([nn.Conv2d(4, 2, 1)])
        self.bottleneck = nn.Sequential(nn.Conv2d(4, 2, 3), nn.BatchNorm2d(2))
        self.c1_bottleneck = nn.Conv2d(2, 2, 1)
        self.decoder = nn.Conv2d(4, 2, 3)
        self.conv_seg = nn.Conv2d(2, num_classes, 1)


class _Segmentor(BaseModule):

    def __init__(self, num_classes: int = 3, init_cfg=None) -> None:
        super().__init__(init_cfg=init_cfg)
        self.backbone = BaseModule(
            init_cfg=dict(type='Constant', layer='Conv2d', val=0.5))
        self.backbone.conv1 = nn.Conv2d(4, 4, 3)
        self.backbone.bn1 = nn.BatchNorm2d(4)
        self.decode_head = _Head(
            num_classes,
            init_cfg=dict(type='Constant', layer='Conv2d', val=0.25))


def _glcnet_checkpoint(path, seed: int = 0) -> dict:
    """A pretraining-style checkpoint: 64-ch conv_seg plus projection heads."""
    torch.manual_seed(seed)
    seg = _Segmentor(num_classes=64)
    state = dict(seg.state_dict())
    for name in ('global_head.mlp.0.weight', 'local_head.mlp.0.weight'):
        state[name] = torch.randn(8, 8)
    state = {
        k: torch.randn_like(v) if v.is_floating_point() else v + 7
        for k, v in state.items()
    }
    torch.save(dict(meta=dict(epoch=3), state_dict=state), path)
    return state


BACKBONE = {'backbone.conv1.weight', 'backbone.conv1.bias',
            'backbone.bn1.weight', 'backbone.bn1.bias',
            'backbone.bn1.running_mean', 'backbone.bn1.running_var',
            'backbone.bn1.num_batches_tracked'}
ASPP = {'decode_head.image_pool.weight', 'decode_head.image_pool.bias',
        'decode_head.aspp_modules.0.weight', 'decode_head.aspp_modules.0.bias',
        'decode_head.bottleneck.0.weight', 'decode_head.bottleneck.0.bias',
        'decode_head.bottleneck.1.weight', 'decode_head.bottleneck.1.bias',
        'decode_head.bottleneck.1.running_mean',
        'decode_head.bottleneck.1.running_var',
        'decode_head.bottleneck.1.num_batches_tracked'}
DECODER = {'decode_head.c1_bottleneck.weight',
           'decode_head.c1_bottleneck.bias', 'decode_head.decoder.weight',
           'decode_head.decoder.bias'}


@pytest.mark.parametrize('mode,expected', [
    ('backbone', BACKBONE),
    ('backbone+aspp', BACKBONE | ASPP),
    ('all', BACKBONE | ASPP | DECODER),
])
def test_modes_select_exact_key_sets(tmp_path, mode, expected):
    ckpt = _glcnet_checkpoint(tmp_path / 'glcnet.pth')
    to_load, report = select_state_dict(_Segmentor().state_dict(), ckpt, mode)
    assert set(to_load) == expected
    # The classifier (other width) is skipped, the projection heads do not
    # exist in the segmentor.
    assert len(report['classifier']['skipped']) == 2
    assert sorted(report['other']['unexpected']) == [
        'global_head.mlp.0.weight', 'local_head.mlp.0.weight']
    assert not any(report[g]['missing'] for g in report)
    table = format_report(report)
    assert f'{len(BACKBONE):>12}' in table.splitlines()[1]


def test_classifier_never_loads_even_with_same_shape(tmp_path):
    ckpt = _glcnet_checkpoint(tmp_path / 'glcnet.pth')
    to_load, report = select_state_dict(
        _Segmentor(num_classes=64).state_dict(), ckpt, 'all')
    assert not any(k.startswith('decode_head.conv_seg') for k in to_load)
    assert len(report['classifier']['skipped']) == 2


def test_init_weights_keeps_loaded_tensors(tmp_path):
    """Children's own init must not overwrite what was loaded."""
    path = str(tmp_path / 'glcnet.pth')
    ckpt = _glcnet_checkpoint(path)
    seg = _Segmentor(
        init_cfg=dict(type='PretrainedPart', checkpoint=path,
                      mode='backbone+aspp'))
    with DefaultScope.overwrite_default_scope('mmseg'):
        seg.init_weights()
    state = seg.state_dict()
    for key in BACKBONE | ASPP:
        assert torch.equal(state[key], ckpt[key]), key
    # Not selected: the decoder keeps the head's own Constant init.
    assert torch.all(state['decode_head.decoder.weight'] == 0.25)
    assert torch.all(state['decode_head.conv_seg.weight'] == 0.25)


def test_shape_mismatch_names_the_key(tmp_path):
    ckpt = _glcnet_checkpoint(tmp_path / 'glcnet.pth')
    ckpt['backbone.conv1.weight'] = torch.zeros(4, 3, 3, 3)
    with pytest.raises(ValueError, match='backbone.conv1.weight'):
        select_state_dict(_Segmentor().state_dict(), ckpt, 'backbone')


def test_checkpoint_matching_nothing_is_an_error(tmp_path):
    ckpt = {'encoder_q.conv.weight': torch.zeros(1)}
    with pytest.raises(RuntimeError, match='matches none'):
        select_state_dict(_Segmentor().state_dict(), ckpt, 'all')
    # A backbone-only checkpoint cannot serve a decoder-only selection.
    backbone_only = {'backbone.conv1.bias': torch.zeros(4)}
    with pytest.raises(RuntimeError, match='matches none'):
        select_state_dict(_Segmentor().state_dict(), backbone_only,
                          'decoder')


def test_invalid_mode():
    with pytest.raises(ValueError, match='Invalid init mode'):
        PretrainedPartInit(checkpoint='x.pth', mode='backbone+classifier')
    with pytest.raises(ValueError, match='Invalid init mode'):
        PretrainedPartInit(checkpoint='x.pth', mode='encoder')


def test_glob_pattern_picks_newest_and_revises_keys(tmp_path):
    old = tmp_path / 'best_loss_epoch_1.pth'
    new = tmp_path / 'best_loss_epoch_7.pth'
    torch.save({'state_dict': {'module.backbone.conv1.bias': torch.ones(4)}},
               old)
    torch.save({'state_dict': {'module.backbone.conv1.bias': torch.full(
        (4, ), 2.)}}, new)
    os.utime(old, (1, 1))
    init = PretrainedPartInit(
        checkpoint=str(tmp_path / 'best_loss_epoch_*.pth'), mode='backbone')
    seg = _Segmentor()
    init(seg)
    assert torch.all(seg.backbone.conv1.bias == 2.)
    with pytest.raises(FileNotFoundError, match='No checkpoint matches'):
        PretrainedPartInit(checkpoint=str(tmp_path / 'none_*.pth'))(seg)
