"""A GLCNet checkpoint loads by name into the mmseg DeepLabV3+ segmentor."""
import os.path as osp

import torch
from mmengine.config import Config
from mmpretrain.registry import MODELS as PRETRAIN_MODELS
from mmseg.registry import MODELS as SEG_MODELS

import grsim_mm  # noqa: F401

BASE = osp.join(osp.dirname(__file__), '..', '..', 'configs', '_base_',
                'models')
DATASETS = osp.join(BASE, '..', 'datasets')
HEADS = ('global_head.', 'local_head.', 'decode_head.conv_seg.')
CLASSIFIER = {'decode_head.conv_seg.weight', 'decode_head.conv_seg.bias'}


def build_pair():
    # the model bases take bands and classes from a dataset setting
    data = Config.fromfile(osp.join(DATASETS, 'potsdam-rgbir_pretrain.py'))
    seg_data = Config.fromfile(osp.join(DATASETS, 'potsdam-rgbir.py'))
    num_classes = 7  # not 64: a class count never equals the dense map's
    glcnet_cfg = Config.fromfile(osp.join(BASE, 'glcnet_r50-os16.py')).model
    glcnet_cfg.data_preprocessor = data.data_preprocessor
    seg_cfg = Config.fromfile(osp.join(BASE, 'deeplabv3plus_r50-os16.py'))
    seg_cfg.model.data_preprocessor = seg_data.data_preprocessor
    seg_cfg.model.decode_head.num_classes = num_classes
    torch.manual_seed(0)
    glcnet = PRETRAIN_MODELS.build(glcnet_cfg)
    glcnet.init_weights()
    # make BN buffers distinguishable from a fresh model
    for name, buf in glcnet.named_buffers():
        if name.endswith(('running_mean', 'running_var')):
            buf.uniform_(0.5, 1.5)
    torch.manual_seed(1)
    return glcnet, SEG_MODELS.build(dict(seg_cfg.model, _scope_='mmseg'))


def test_state_dict_maps_by_name_onto_encoder_decoder():
    glcnet, seg_model = build_pair()
    pre = glcnet.state_dict()
    transferable = {k: v for k, v in pre.items() if not k.startswith(HEADS)}
    result = seg_model.load_state_dict(transferable, strict=False)
    assert set(result.missing_keys) == CLASSIFIER
    assert result.unexpected_keys == []
    left_out = set(pre) - set(transferable)
    assert {k.split('.')[0] for k in left_out} == {
        'global_head', 'local_head', 'decode_head'}
    assert {k for k in left_out if k.startswith('decode_head')} == CLASSIFIER
    seg = seg_model.state_dict()
    for key, value in transferable.items():
        assert torch.equal(seg[key], value), key
    # the contract's groups are all present
    for prefix in ('backbone.conv1.', 'decode_head.image_pool.',
                   'decode_head.aspp_modules.', 'decode_head.bottleneck.',
                   'decode_head.c1_bottleneck.', 'decode_head.decoder.'):
        assert any(k.startswith(prefix) for k in transferable), prefix
    # the 64-channel projection classifier cannot be confused with classes
    assert pre['decode_head.conv_seg.weight'].shape[0] == 64
    assert seg['decode_head.conv_seg.weight'].shape[0] == 7
