"""The decode head's input widths follow the backbone's stages."""
import pytest
import torch
from mmengine.registry import DefaultScope
from mmseg.registry import MODELS as SEG_MODELS
from torch import nn

import grsim_mm  # noqa: F401
from grsim_mm.models.utils import follow_backbone_channels, stage_channels

PRE = dict(type='SegDataPreProcessor', mean=[0.] * 3, std=[1.] * 3)
HEAD = dict(
    type='DeepLabV3PlusHead',
    in_index=3,
    channels=16,
    dilations=(1, 2),
    c1_channels=8,
    num_classes=3)


@pytest.fixture(autouse=True)
def seg_scope():
    with DefaultScope.overwrite_default_scope('mmseg'):
        yield


def resnet(depth: int, base: int = 8) -> nn.Module:
    return SEG_MODELS.build(
        dict(type='ResNet', depth=depth, in_channels=3, base_channels=base,
             stem_channels=base, out_indices=(0, 1, 2, 3)))


@pytest.mark.parametrize('depth, expected', [(18, [8, 16, 32, 64]),
                                             (50, [32, 64, 128, 256])])
def test_stage_channels_are_the_outputs_of_each_stage(depth, expected):
    backbone = resnet(depth)
    assert stage_channels(backbone) == expected
    backbone.eval()
    outs = backbone(torch.zeros(1, 3, 32, 32))
    assert [o.shape[1] for o in outs] == expected


def test_missing_widths_come_from_the_stages_they_read():
    cfg = follow_backbone_channels(HEAD, resnet(18), 'test')
    assert (cfg['in_channels'], cfg['c1_in_channels']) == (64, 8)
    cfg = follow_backbone_channels(dict(HEAD, in_index=2), resnet(50), 'test')
    assert (cfg['in_channels'], cfg['c1_in_channels']) == (128, 32)
    # widths written in the config are kept
    cfg = follow_backbone_channels(dict(HEAD, in_channels=7), resnet(18), 't')
    assert (cfg['in_channels'], cfg['c1_in_channels']) == (7, 8)
    # heads without a low-level skip get no c1_in_channels
    fcn = dict(type='FCNHead', channels=4, num_classes=2, in_index=3)
    assert 'c1_in_channels' not in follow_backbone_channels(
        fcn, resnet(18), 'test')


def test_segmentor_swaps_depth_in_one_line():
    model = SEG_MODELS.build(
        dict(type='RSIEncoderDecoder', data_preprocessor=PRE,
             backbone=dict(type='ResNet', depth=18, base_channels=8,
                           stem_channels=8), decode_head=dict(HEAD)))
    model.eval()
    logits = model(torch.zeros(1, 3, 32, 32), mode='tensor')
    assert tuple(logits.shape) == (1, 3, 8, 8)
    assert model.decode_head.c1_bottleneck.conv.in_channels == 8


def test_auxiliary_heads_follow_the_stage_they_read():
    """FALSE's probe: an FCN head on layer3, alone or in a list."""
    aux = dict(type='FCNHead', in_index=2, channels=4, num_convs=1,
               num_classes=3)
    for auxiliary_head in (aux, [aux, dict(aux, in_index=1)]):
        model = SEG_MODELS.build(
            dict(type='RSIEncoderDecoder', data_preprocessor=PRE,
                 backbone=dict(type='ResNet', depth=18, base_channels=8,
                               stem_channels=8),
                 decode_head=dict(HEAD), auxiliary_head=auxiliary_head))
        heads = model.auxiliary_head
        heads = heads if isinstance(heads, nn.ModuleList) else [heads]
        widths = [head.convs[0].conv.in_channels for head in heads]
        assert widths == [32, 16][:len(heads)]


def test_unknown_stage_widths_and_missing_classes_are_errors():
    with pytest.raises(ValueError, match='decode_head.in_channels is not set'):
        follow_backbone_channels(HEAD, nn.Conv2d(3, 3, 1), 'Mine')
    with pytest.raises(ValueError, match='num_classes is not set'):
        SEG_MODELS.build(
            dict(type='RSIEncoderDecoder', data_preprocessor=PRE,
                 backbone=dict(type='ResNet', depth=18),
                 decode_head=dict(HEAD, num_classes=None)))
