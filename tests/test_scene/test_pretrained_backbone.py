"""Backbone transfer from the toolbox's pretraining checkpoints into
mmpretrain's ImageClassifier: every tensor loaded, nothing skipped."""
import copy
import logging

import pytest
import torch
from mmengine.logging import MMLogger
from mmpretrain.registry import MODELS

from grsim_mm.utils.pretrained_backbone import match_backbone

BN = dict(type='BN', requires_grad=True)
SEG_BACKBONE = dict(
    type='ResNet', depth=18, in_channels=4, stem_channels=16,
    base_channels=16, out_indices=(0, 1, 2, 3), strides=(1, 2, 2, 1),
    dilations=(1, 1, 1, 2), norm_cfg=BN, zero_init_residual=False)
DECODE_HEAD = dict(
    type='DeepLabV3PlusHead', in_channels=128, in_index=3, channels=32,
    c1_in_channels=16, c1_channels=8, dropout_ratio=0.0, num_classes=16,
    norm_cfg=BN, align_corners=True)
PREPROCESSOR = dict(type='MultiBandSelfSupDataPreprocessor',
                    mean=[127.5] * 4, std=[79.6875] * 4, to_rgb=False)
GLCNET = dict(
    type='GLCNet', data_preprocessor=PREPROCESSOR, backbone=SEG_BACKBONE,
    decode_head=DECODE_HEAD,
    global_head=dict(type='GlobalStyleHead', in_channels=32,
                     hid_channels=32, out_channels=16),
    local_head=dict(type='LocalMatchingHead', in_channels=16,
                    hid_channels=16, out_channels=16))
SEG_MOCO = dict(
    type='SegMoCo', data_preprocessor=PREPROCESSOR, backbone=SEG_BACKBONE,
    decode_head=DECODE_HEAD,
    neck=dict(type='MoCoV2Neck', in_channels=32, hid_channels=32,
              out_channels=16),
    head=dict(type='ContrastiveHead', loss=dict(type='CrossEntropyLoss'),
              temperature=0.2),
    queue_len=32, feat_dim=16, momentum=0.001)
CLS_BACKBONE = dict(type='ResNet', depth=18, in_channels=4, stem_channels=16,
                    base_channels=16, out_indices=(3, ), norm_cfg=BN)
SIMCLR = dict(
    type='SimCLR', data_preprocessor=PREPROCESSOR, backbone=CLS_BACKBONE,
    neck=dict(type='NonLinearNeck', in_channels=128, hid_channels=32,
              out_channels=16, num_layers=2, with_bias=False,
              with_last_bn=False, with_last_bias=True, norm_cfg=BN),
    head=dict(type='ContrastiveHead', loss=dict(type='CrossEntropyLoss'),
              temperature=0.5))


def classifier(checkpoint, in_channels=4, **init):
    backbone = dict(CLS_BACKBONE, in_channels=in_channels)
    return MODELS.build(
        dict(type='ImageClassifier', backbone=backbone,
             neck=dict(type='GlobalAveragePooling'),
             head=dict(type='LinearClsHead', num_classes=3,
                       in_channels=128),
             init_cfg=dict(type='PretrainedBackbone', checkpoint=checkpoint,
                           **init)))


def save_pretrained(cfg, path, seed=0):
    """A checkpoint as the Runner writes it, with weights and BN statistics
    that differ from any initialisation."""
    torch.manual_seed(seed)
    model = MODELS.build(copy.deepcopy(cfg))
    state = model.state_dict()
    for key, value in state.items():
        if value.is_floating_point():
            value.copy_(torch.randn_like(value))
        elif key.endswith('num_batches_tracked'):
            value.fill_(seed + 17)
    torch.save(dict(meta=dict(epoch=3), state_dict=state), str(path))
    return state


@pytest.mark.parametrize('cfg', [GLCNET, SEG_MOCO, SIMCLR],
                         ids=['glcnet', 'seg-moco', 'simclr'])
def test_every_backbone_tensor_loaded(tmp_path, cfg):
    ckpt = tmp_path / 'pretrain.pth'
    saved = save_pretrained(cfg, ckpt)
    model = classifier(str(ckpt))
    before_head = {k: v.clone() for k, v in model.head.state_dict().items()}
    model.init_weights()
    loaded = model.backbone.state_dict()
    backbone_keys = [k for k in saved if k.startswith('backbone.')]
    assert len(backbone_keys) == len(loaded) > 100
    for key, value in loaded.items():
        assert torch.equal(value, saved['backbone.' + key]), key
    # residual BN weights are the checkpoint's, not zero_init_residual's
    assert model.backbone.layer1[0].bn2.weight.abs().sum() > 0
    # the head keeps its own (random) initialisation
    assert model.head.fc.weight.shape == before_head['fc.weight'].shape


def test_logs_what_was_left_out(tmp_path):
    ckpt = tmp_path / 'moco.pth'
    save_pretrained(SEG_MOCO, ckpt)
    model = classifier(str(ckpt))
    records = []
    handler = logging.Handler()
    handler.emit = records.append
    logger = MMLogger.get_current_instance()
    logger.addHandler(handler)
    try:
        model.init_weights()
    finally:
        logger.removeHandler(handler)
    text = ' '.join(r.getMessage() for r in records)
    # ResNet-18: 60 parameters; 20 BN layers with 3 buffers each
    assert 'all 120 tensors (60 parameters, 60 buffers)' in text
    for group in ('decode_head', 'encoder_k', 'neck', 'queue'):
        assert group in text


def test_band_mismatch_is_an_error(tmp_path):
    ckpt = tmp_path / 'glcnet.pth'
    save_pretrained(GLCNET, ckpt)
    model = classifier(str(ckpt), in_channels=3)
    with pytest.raises(ValueError, match=r'backbone.conv1.weight: checkpoint '
                       r'\(16, 4, 7, 7\), model \(16, 3, 7, 7\)'):
        model.init_weights()


def test_missing_and_unknown_tensors_are_errors():
    model_state = dict(a=torch.zeros(2), b=torch.zeros(3))
    with pytest.raises(KeyError, match=r"1 backbone tensors missing.*\['b'\]"):
        match_backbone(model_state, {'backbone.a': torch.ones(2)})
    with pytest.raises(KeyError, match=r"1 checkpoint tensors.*\['fc.w'\]"):
        match_backbone(model_state, {
            'backbone.a': torch.ones(2),
            'backbone.b': torch.ones(3),
            'backbone.fc.w': torch.ones(1)
        })
    with pytest.raises(KeyError, match="no tensor under 'backbone.'"):
        match_backbone(model_state, {'encoder.a': torch.ones(2)})
    tensors, others = match_backbone(
        model_state, {
            'module.x': torch.ones(1),
            'backbone.a': torch.ones(2),
            'backbone.b': torch.ones(3),
            'backbone.fc.w': torch.ones(1)
        },
        ignore_keys=[r'^fc\.'])
    assert sorted(tensors) == ['a', 'b']
    assert others == dict(module=1, ignored=1)


def test_torchvision_style_prefix(tmp_path):
    """A MoCo checkpoint of the original code keeps a torchvision ResNet
    under module.encoder_q.* with a classifier fc.*."""
    torch.manual_seed(0)
    source = MODELS.build(CLS_BACKBONE)
    state = {f'module.encoder_q.{k}': torch.randn_like(v) if
             v.is_floating_point() else v
             for k, v in source.state_dict().items()}
    state['module.encoder_q.fc.weight'] = torch.zeros(10, 128)
    torch.save(dict(state_dict=state), str(tmp_path / 'tv.pth'))
    model = classifier(str(tmp_path / 'tv.pth'), prefix='encoder_q.',
                       ignore_keys=[r'^fc\.'])
    model.init_weights()
    assert torch.equal(model.backbone.conv1.weight,
                       state['module.encoder_q.conv1.weight'])


def test_refuses_backbone_with_zero_init_residual(tmp_path):
    ckpt = tmp_path / 'simclr.pth'
    save_pretrained(SIMCLR, ckpt)
    backbone = MODELS.build(
        dict(CLS_BACKBONE,
             init_cfg=dict(type='PretrainedBackbone', checkpoint=str(ckpt),
                           target='')))
    with pytest.raises(ValueError, match='zero-initialises its residual'):
        backbone.init_weights()
    backbone = MODELS.build(
        dict(CLS_BACKBONE, zero_init_residual=False,
             init_cfg=dict(type='PretrainedBackbone', checkpoint=str(ckpt),
                           target='')))
    backbone.init_weights()
    assert torch.equal(backbone.layer1[0].bn2.weight,
                       torch.load(str(ckpt))['state_dict']
                       ['backbone.layer1.0.bn2.weight'])


def test_stem_bands_evaluate_rgbir_pretraining_on_rgb(tmp_path):
    """A 4-band (R, G, B, NIR) segmentation pretraining evaluated on 3-band
    scenes: the first convolution keeps the R, G, B input channels."""
    ckpt = tmp_path / 'glcnet.pth'
    saved = save_pretrained(GLCNET, ckpt)
    model = classifier(str(ckpt), in_channels=3, stem_bands=[0, 1, 2])
    model.init_weights()
    assert torch.equal(model.backbone.conv1.weight,
                       saved['backbone.conv1.weight'][:, :3])
    assert torch.equal(model.backbone.layer4[1].conv2.weight,
                       saved['backbone.layer4.1.conv2.weight'])
    with pytest.raises(ValueError, match=r'stem_bands \[4\] do not exist'):
        classifier(str(ckpt), in_channels=3,
                   stem_bands=[0, 1, 4]).init_weights()
