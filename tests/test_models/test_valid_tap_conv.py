"""ValidTapConv2d computes exactly what nn.Conv2d computes, gradients too."""
import pytest
import torch
from mmcv.cnn import build_conv_layer
from torch import nn

from grsim_mm.models.utils import ValidTapConv2d


def _pair(conv_kwargs, seed=0):
    torch.manual_seed(seed)
    dense = nn.Conv2d(**conv_kwargs)
    taps = ValidTapConv2d(**conv_kwargs)
    taps.load_state_dict(dense.state_dict())
    return dense, taps


@pytest.mark.parametrize('size,dilation,padding,bias,groups', [
    (14, 18, 18, False, 1),  # only the centre tap reads the map
    (14, 12, 12, False, 1),  # the outer taps read two rows and columns
    (14, 6, 6, True, 1),
    ((9, 20), 6, 6, False, 2),  # non-square map, grouped
    (10, 4, 2, True, 1),  # padding smaller than the reach: output shrinks
])
def test_matches_dense_convolution(size, dilation, padding, bias, groups):
    kwargs = dict(in_channels=8, out_channels=6, kernel_size=3,
                  dilation=dilation, padding=padding, bias=bias,
                  groups=groups)
    dense, taps = _pair(kwargs)
    height, width = (size, size) if isinstance(size, int) else size
    gen = torch.Generator().manual_seed(1)
    x = torch.randn(2, 8, height, width, generator=gen)
    x_dense, x_taps = x.clone().requires_grad_(), x.clone().requires_grad_()
    out_dense, out_taps = dense(x_dense), taps(x_taps)
    # the decomposed path is the one under test
    assert taps.valid_tap_ratio((height, width)) <= taps.max_valid_ratio
    torch.testing.assert_close(out_taps, out_dense, rtol=1e-5, atol=1e-5)

    grad = torch.randn(out_dense.shape, generator=gen)
    out_dense.backward(grad)
    out_taps.backward(grad)
    torch.testing.assert_close(x_taps.grad, x_dense.grad, rtol=1e-5,
                               atol=1e-5)
    torch.testing.assert_close(taps.weight.grad, dense.weight.grad,
                               rtol=1e-4, atol=1e-4)
    if bias:
        torch.testing.assert_close(taps.bias.grad, dense.bias.grad)


def test_taps_in_padding_get_zero_gradient():
    # dilation 18 on a 14x14 map: the eight outer taps never see data
    _, taps = _pair(dict(in_channels=3, out_channels=2, kernel_size=3,
                         dilation=18, padding=18, bias=False))
    taps(torch.randn(1, 3, 14, 14)).sum().backward()
    grad = taps.weight.grad
    assert grad[:, :, 1, 1].abs().sum() > 0
    grad[:, :, 1, 1] = 0
    assert grad.abs().sum() == 0


def test_valid_tap_ratio_hand_computed():
    _, taps = _pair(dict(in_channels=1, out_channels=1, kernel_size=3,
                         dilation=12, padding=12))
    # per axis the taps read 2 + 14 + 2 of 3 * 14 positions
    assert taps.valid_tap_ratio((14, 14)) == pytest.approx((18 / 42)**2)
    _, plain = _pair(dict(in_channels=1, out_channels=1, kernel_size=3,
                          padding=1))
    assert plain.valid_tap_ratio((56, 56)) == pytest.approx((166 / 168)**2)


def test_dense_path_for_mostly_valid_taps(monkeypatch):
    # a plain 3x3 convolution wastes little on padding: no decomposition
    _, taps = _pair(dict(in_channels=4, out_channels=4, kernel_size=3,
                         padding=1))
    monkeypatch.setattr(ValidTapConv2d, '_forward_taps', None)
    assert taps(torch.randn(1, 4, 16, 16)).shape == (1, 4, 16, 16)


def test_strided_convolution_falls_back():
    dense, taps = _pair(dict(in_channels=4, out_channels=4, kernel_size=3,
                             stride=2, dilation=8, padding=8))
    x = torch.randn(1, 4, 12, 12)
    torch.testing.assert_close(taps(x), dense(x))


def test_built_by_mmcv_conv_cfg_with_conv2d_parameter_names():
    layer = build_conv_layer(
        dict(type='ValidTapConv2d'), 4, 8, 3, padding=6, dilation=6,
        bias=False)
    assert isinstance(layer, ValidTapConv2d)
    assert set(layer.state_dict()) == {'weight'}
