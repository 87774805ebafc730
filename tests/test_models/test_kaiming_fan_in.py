"""The reference's fan-in initialisation of every convolution, the
classifier included, and a pretrained part loaded over it."""
import math
import os.path as osp

import torch
from mmengine.config import Config
from mmengine.registry import DefaultScope
from mmseg.registry import MODELS
from torch import nn

import grsim_mm  # noqa: F401

CONFIGS = osp.join(osp.dirname(__file__), '..', '..', 'configs')
FAN_IN = dict(type='KaimingFanIn')


def _segmentor(**model):
    cfg = Config.fromfile(
        osp.join(CONFIGS, '_base_', 'models', 'deeplabv3plus_r50-os16.py'))
    data = Config.fromfile(
        osp.join(CONFIGS, '_base_', 'datasets', 'potsdam-rgbir.py'))
    cfg.merge_from_dict(dict(model=dict(
        data_preprocessor=data.data_preprocessor,
        backbone=dict(depth=18, norm_cfg=dict(type='BN')),
        decode_head=dict(num_classes=6, norm_cfg=dict(type='BN')))))
    cfg.merge_from_dict(dict(model=model))
    return MODELS.build(dict(cfg.model, _scope_='mmseg'))


def _convs(model):
    return {n: m for n, m in model.named_modules() if isinstance(m, nn.Conv2d)}


def _fan_in_std(conv):
    return math.sqrt(2 / conv.weight[0].numel())


def test_every_convolution_is_he_normal_with_fan_in():
    torch.manual_seed(0)
    model = _segmentor(backbone=dict(init_cfg=FAN_IN),
                       decode_head=dict(init_cfg=FAN_IN))
    model.init_weights()
    convs = _convs(model)
    assert 'decode_head.conv_seg' in convs and len(convs) == 30  # R18 + head
    # all weights of one fan-in pooled: N(0, 1) once scaled by the std
    z = torch.cat([c.weight.flatten() / _fan_in_std(c)
                   for c in convs.values()])
    assert abs(z.mean()) < 0.01 and abs(z.std() - 1) < 0.01
    # fan-in and fan-out differ 16x in the stem (4 x 7 x 7 in, 64 x 7 x 7
    # out) and 4x in the classifier: each alone is fan-in
    for name in ('backbone.conv1', 'decode_head.conv_seg',
                 'decode_head.c1_bottleneck.conv'):
        w = convs[name].weight
        assert abs(w.std() / _fan_in_std(convs[name]) - 1) < 0.2, name
    # the classifier's bias: PyTorch's default U(-1/sqrt(256), 1/sqrt(256))
    bias = convs['decode_head.conv_seg'].bias
    assert bias.abs().max() <= 1 / 16 and bias.abs().max() > 1 / 32
    for m in model.modules():
        if isinstance(m, nn.BatchNorm2d):
            assert torch.all(m.weight == 1) and torch.all(m.bias == 0)


def test_defaults_are_openmmlab_fan_out():
    """Without the option the stem keeps mmseg's fan-out (16x smaller
    variance than fan-in) and the classifier Normal(0.01)."""
    torch.manual_seed(0)
    model = _segmentor()
    model.init_weights()
    convs = _convs(model)
    stem = convs['backbone.conv1']
    assert abs(stem.weight.std() / _fan_in_std(stem) - 0.25) < 0.05
    assert abs(convs['decode_head.conv_seg'].weight.std() - 0.01) < 0.002


def test_pretrained_part_loads_over_the_fan_in_init(tmp_path):
    torch.manual_seed(1)
    source = _segmentor()
    state = {k: v for k, v in source.state_dict().items()
             if k.startswith('backbone.')}
    ckpt = tmp_path / 'pre.pth'
    torch.save(dict(state_dict=state), ckpt)
    model = _segmentor(
        backbone=dict(init_cfg=FAN_IN), decode_head=dict(init_cfg=FAN_IN),
        init_cfg=dict(type='PretrainedPart', checkpoint=str(ckpt),
                      mode='backbone'))
    with DefaultScope.overwrite_default_scope('mmseg'):
        model.init_weights()
    loaded = model.state_dict()
    for key, value in state.items():
        assert torch.equal(loaded[key], value), key
    classifier = _convs(model)['decode_head.conv_seg']
    assert abs(classifier.weight.std() / _fan_in_std(classifier) - 1) < 0.2
