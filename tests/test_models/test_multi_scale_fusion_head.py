"""MultiScaleFusionHead: DeepLabV3+ as its special case, the fused forward
written out, and initialisation from a GLCNet checkpoint."""
import pytest
import torch
import torch.nn.functional as F
from mmengine.registry import MODELS as ROOT_MODELS
from mmengine.registry import DefaultScope
from mmpretrain.registry import MODELS as PRETRAIN_MODELS
from mmseg.registry import MODELS

import grsim_mm  # noqa: F401
from grsim_mm.models.decode_heads import MultiScaleFusionHead
from grsim_mm.utils.pretrained import select_state_dict

BN = dict(type='BN', requires_grad=True)
HEAD = dict(in_channels=32, in_index=3, channels=16, c1_in_channels=8,
            c1_channels=4, num_classes=5, align_corners=True, norm_cfg=BN,
            _scope_='mmseg')


def build(type='MultiScaleFusionHead', **kwargs):
    cfg = dict(HEAD, type=type)
    if type == 'MultiScaleFusionHead':
        cfg.update(fusion_in_index=(1, 2), fusion_in_channels=(12, 24),
                   fusion_channels=6)
    cfg.update(kwargs)
    return MODELS.build(cfg)


def inputs():
    """Stages of an output-stride-16 ResNet on a 64 px image."""
    gen = torch.Generator().manual_seed(0)
    return [torch.randn(2, 8, 16, 16, generator=gen),
            torch.randn(2, 12, 8, 8, generator=gen),
            torch.randn(2, 24, 4, 4, generator=gen),
            torch.randn(2, 32, 4, 4, generator=gen)]


def randomise_bn(module):
    """Non-trivial BN statistics, so eval-mode outputs depend on them."""
    gen = torch.Generator().manual_seed(1)
    for m in module.modules():
        if isinstance(m, torch.nn.BatchNorm2d):
            m.running_mean.copy_(torch.randn(m.num_features, generator=gen))
            m.running_var.copy_(torch.rand(m.num_features, generator=gen) +
                                0.5)


def test_registered_in_mmseg_only():
    assert MODELS.get('MultiScaleFusionHead') is MultiScaleFusionHead
    assert 'MultiScaleFusionHead' not in ROOT_MODELS.module_dict


def test_aspp_keys_and_shapes_are_deeplabv3plus_ones():
    ours = build().state_dict()
    theirs = build('DeepLabV3PlusHead').state_dict()
    aspp = ('image_pool.', 'aspp_modules.', 'bottleneck.', 'c1_bottleneck.')
    aspp_keys = {k for k in theirs if k.startswith(aspp)}
    assert aspp_keys == {k for k in ours if k.startswith(aspp)}
    assert all(ours[k].shape == theirs[k].shape for k in aspp_keys)
    # decoder input: ASPP 16 + inputs[0] 4 + two stages of 6
    assert ours['decoder.0.conv.weight'].shape[1] == 16 + 4 + 2 * 6


def test_without_extra_stages_it_is_deeplabv3plus():
    torch.manual_seed(0)
    reference = build('DeepLabV3PlusHead')
    randomise_bn(reference)
    head = build(fusion_in_index=(), fusion_in_channels=())
    head.load_state_dict(reference.state_dict(), strict=True)
    reference.eval(), head.eval()
    with torch.no_grad():
        torch.testing.assert_close(head(inputs()), reference(inputs()),
                                   rtol=0, atol=0)


def test_fused_forward_written_out():
    torch.manual_seed(0)
    head = build()
    randomise_bn(head)
    head.eval()
    x = inputs()
    with torch.no_grad():
        aspp = head.aspp_forward(x)

        def up(t):
            return F.interpolate(t, size=(16, 16), mode='bilinear',
                                 align_corners=True)

        fused = torch.cat([
            up(aspp), head.c1_bottleneck(x[0]),
            up(head.lateral_convs[0](x[1])),
            up(head.lateral_convs[1](x[2]))
        ], 1)
        expected = head.conv_seg(head.decoder(fused))
        out = head(x)
    torch.testing.assert_close(out, expected)
    assert out.shape == (2, 5, 16, 16)
    # the fused stages matter: changing C3 changes the output
    x[1] = x[1] + 1
    with torch.no_grad():
        assert not torch.allclose(head(x), out)


@pytest.mark.parametrize('kwargs,match', [
    (dict(fusion_in_index=(1, 2), fusion_in_channels=(12, )),
     'one entry per fused stage'),
    (dict(fusion_in_index=(0, 1), fusion_in_channels=(8, 12)),
     'remove 0 from fusion_in_index'),
])
def test_bad_arguments(kwargs, match):
    with pytest.raises(ValueError, match=match):
        build(**kwargs)


BACKBONE = dict(type='ResNet', depth=18, in_channels=4, stem_channels=16,
                base_channels=16, out_indices=(0, 1, 2, 3),
                strides=(1, 2, 2, 1), dilations=(1, 1, 1, 2), norm_cfg=BN)


@pytest.fixture
def glcnet_checkpoint(tmp_path):
    """A tiny GLCNet's state dict after some change, saved as a checkpoint."""
    torch.manual_seed(0)
    glcnet = PRETRAIN_MODELS.build(dict(
        type='GLCNet',
        data_preprocessor=dict(
            type='MultiBandSelfSupDataPreprocessor', mean=[127.5] * 4,
            std=[79.6875] * 4, to_rgb=False),
        backbone=BACKBONE,
        decode_head=dict(
            type='DeepLabV3PlusHead', in_channels=128, in_index=3,
            channels=32, c1_in_channels=16, c1_channels=8, num_classes=16,
            norm_cfg=BN, align_corners=True),
        global_head=dict(type='GlobalStyleHead', in_channels=32,
                         hid_channels=32, out_channels=16),
        local_head=dict(type='LocalMatchingHead', in_channels=16,
                        hid_channels=16, out_channels=16)))
    state = {k: v + torch.rand_like(v) if v.is_floating_point() else v
             for k, v in glcnet.state_dict().items()}
    path = tmp_path / 'glcnet.pth'
    torch.save(dict(state_dict=state), path)
    return str(path), state


def segmentor(checkpoint, mode):
    with DefaultScope.overwrite_default_scope('mmseg'):
        model = MODELS.build(dict(
            type='EncoderDecoder',
            backbone=BACKBONE,
            decode_head=dict(
                type='MultiScaleFusionHead', in_channels=128, in_index=3,
                channels=32, c1_in_channels=16, c1_channels=8,
                fusion_in_index=(1, 2), fusion_in_channels=(32, 64),
                num_classes=6, norm_cfg=BN, align_corners=True),
            init_cfg=dict(type='PretrainedPart', checkpoint=checkpoint,
                          mode=mode)))
        model.init_weights()
    return model


def test_loads_backbone_and_aspp_of_a_glcnet_checkpoint(glcnet_checkpoint):
    path, ckpt = glcnet_checkpoint
    model = segmentor(path, 'backbone+aspp')
    state = model.state_dict()
    _, report = select_state_dict(state, ckpt, 'backbone+aspp')
    assert report['aspp']['missing'] == []
    assert report['backbone']['missing'] == []
    aspp = [k for k in state if k.startswith(
        ('decode_head.image_pool.', 'decode_head.aspp_modules.',
         'decode_head.bottleneck.'))]
    assert len(aspp) == len(report['aspp']['loaded']) > 0
    selected = [k for k in state if k.startswith('backbone.')] + aspp
    assert all(torch.equal(state[k], ckpt[k]) for k in selected)
    # nothing else came from the checkpoint
    others = [k for k in state if k not in selected and k in ckpt and
              state[k].is_floating_point()]
    assert others and not any(
        state[k].shape == ckpt[k].shape and torch.equal(state[k], ckpt[k])
        for k in others)


def test_whole_decoder_cannot_be_loaded(glcnet_checkpoint):
    path, _ = glcnet_checkpoint
    with pytest.raises(ValueError, match=r'decode_head\.decoder\.0'):
        segmentor(path, 'all')
