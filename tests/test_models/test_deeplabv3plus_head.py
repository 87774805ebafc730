"""DeepLabV3PlusHead: structure, parameter names and forward composition."""
import pytest
import torch
import torch.nn.functional as F
from mmengine.registry import MODELS as ROOT_MODELS
from mmseg.registry import MODELS

from grsim_mm.models.decode_heads import DeepLabV3PlusHead


def build(**kwargs):
    cfg = dict(
        type='DeepLabV3PlusHead', in_channels=32, in_index=3, channels=16,
        c1_in_channels=8, c1_channels=4, num_classes=5, align_corners=True,
        norm_cfg=dict(type='BN', requires_grad=True), _scope_='mmseg')
    cfg.update(kwargs)
    return MODELS.build(cfg)


def inputs():
    gen = torch.Generator().manual_seed(0)
    return [torch.randn(2, 8, 16, 16, generator=gen),
            torch.randn(2, 12, 8, 8, generator=gen),
            torch.randn(2, 24, 4, 4, generator=gen),
            torch.randn(2, 32, 4, 4, generator=gen)]


def test_registered_once_in_mmseg_only():
    assert MODELS.get('DeepLabV3PlusHead') is DeepLabV3PlusHead
    assert 'DeepLabV3PlusHead' not in ROOT_MODELS.module_dict
    # mmseg's own DeepLabV3+ head keeps its name
    assert MODELS.get('DepthwiseSeparableASPPHead') is not DeepLabV3PlusHead


def test_parameter_names_and_layout():
    head = build()
    prefixes = {name.split('.')[0] for name in head.state_dict()}
    assert prefixes == {'image_pool', 'aspp_modules', 'bottleneck',
                        'c1_bottleneck', 'decoder', 'conv_seg'}
    assert head.bottleneck.conv.kernel_size == (1, 1)
    assert head.bottleneck.conv.in_channels == 5 * 16
    assert [m.conv.dilation[0] for m in head.aspp_modules] == [1, 6, 12, 18]
    assert [m.conv.kernel_size[0] for m in head.aspp_modules] == [1, 3, 3, 3]
    assert head.decoder[0].conv.in_channels == 16 + 4
    assert head.decoder[0].conv.kernel_size == (3, 3)
    assert head.decoder[2].conv.kernel_size == (3, 3)
    assert isinstance(head.aspp_dropout, torch.nn.Dropout)
    assert head.aspp_dropout.p == 0.5
    assert isinstance(head.dropout, torch.nn.Dropout)
    # key names do not depend on whether dropouts are active
    assert head.state_dict().keys() == build(
        aspp_dropout_ratio=0, decoder_dropout_ratio=0,
        dropout_ratio=0).state_dict().keys()


def test_forward_composition_in_eval_mode():
    torch.manual_seed(0)
    head = build().eval()
    x = inputs()
    with torch.no_grad():
        deep = x[3]
        pooled = head.image_pool(deep).expand(-1, -1, 4, 4)
        aspp = head.bottleneck(
            torch.cat([pooled] + [m(deep) for m in head.aspp_modules], 1))
        torch.testing.assert_close(head.aspp_forward(x), aspp)
        up = F.interpolate(aspp, size=(16, 16), mode='bilinear',
                           align_corners=True)
        dec = head.decoder(torch.cat([up, head.c1_bottleneck(x[0])], 1))
        torch.testing.assert_close(head.decoder_forward(x), dec)
        torch.testing.assert_close(
            head.decoder_forward(x, aspp_out=aspp), dec)
        torch.testing.assert_close(head(x), head.conv_seg(dec))
    assert head(x).shape == (2, 5, 16, 16)


def test_aspp_dropout_is_elementwise_and_active_in_training():
    torch.manual_seed(0)
    head = build(aspp_dropout_ratio=0.5).eval()
    x = inputs()
    with torch.no_grad():
        clean = head.aspp_forward(x)
        head.aspp_dropout.train()
        dropped = head.aspp_forward(x)
    active = clean != 0
    kept = dropped[active] != 0
    assert kept.float().mean().item() == pytest.approx(0.5, abs=0.1)
    torch.testing.assert_close(dropped[active][kept], 2 * clean[active][kept])
