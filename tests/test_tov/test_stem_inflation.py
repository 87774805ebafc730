"""Stem inflation against a hand computation."""
import pytest
import torch
import torch.nn.functional as F

from grsim_mm.utils.stem_inflation import (inflate_state_dict_stem,
                                           inflate_stem, rgb_bands_from_names)

# two output channels, 1x1 kernels: R, G, B weights per output channel
RGB = torch.tensor([[3., 6., 9.], [-1., 2., 5.]]).reshape(2, 3, 1, 1)


def test_hand_computation_five_bands():
    # dataset bands: (NIR, B, G, R, SWIR); rgb_bands = (3, 2, 1)
    out = inflate_stem(RGB, 5, (3, 2, 1))
    # means: 6 and 2; factor 3/5
    expected = torch.tensor([[6., 9., 6., 3., 6.], [2., 5., 2., -1., 2.]])
    expected = expected * 0.6
    assert out.shape == (2, 5, 1, 1)
    torch.testing.assert_close(out[:, :, 0, 0], expected, rtol=0, atol=1e-6)


def test_three_bands_in_bgr_order_only_permute():
    out = inflate_stem(RGB, 3, (2, 1, 0))
    torch.testing.assert_close(out, RGB.flip(1), rtol=0, atol=0)


def test_constant_input_keeps_the_pre_activation():
    torch.manual_seed(0)
    w = torch.randn(8, 3, 7, 7, dtype=torch.float64)
    plane = torch.randn(1, 1, 20, 20, dtype=torch.float64)
    before = F.conv2d(plane.expand(1, 3, -1, -1), w, padding=3)
    for bands, mapping in [(4, (0, 1, 2)), (13, (3, 2, 1))]:
        after = F.conv2d(plane.expand(1, bands, -1, -1),
                         inflate_stem(w, bands, mapping),
                         padding=3)
        torch.testing.assert_close(after, before, rtol=1e-12, atol=1e-12)


def test_bad_mappings_are_clear_errors():
    with pytest.raises(ValueError, match='needs the band mapping'):
        inflate_stem(RGB, 4, None)
    with pytest.raises(ValueError, match='three distinct'):
        inflate_stem(RGB, 4, (0, 0, 1))
    with pytest.raises(ValueError, match=r'indices \[4\] do not exist'):
        inflate_stem(RGB, 4, (4, 1, 0))
    with pytest.raises(ValueError, match='RGB filter bank'):
        inflate_stem(torch.zeros(2, 4, 1, 1), 5, (0, 1, 2))


def test_rgb_bands_from_names():
    assert rgb_bands_from_names(['NIR', 'Red', 'green', 'B']) == (1, 2, 3)
    with pytest.raises(ValueError, match=r"\['blue'\]"):
        rgb_bands_from_names(['red', 'green', 'nir'])
    with pytest.raises(ValueError, match='red twice'):
        rgb_bands_from_names(['red', 'R', 'green', 'blue'])


def test_torchvision_and_openmmlab_state_dicts():
    from mmpretrain.models import ResNet
    torch.manual_seed(1)
    rgb_net = ResNet(depth=18)
    state = {f'backbone.{k}': v for k, v in rgb_net.state_dict().items()}
    inflated = inflate_state_dict_stem(state, 4, (0, 1, 2), source='ckpt')
    four = ResNet(depth=18, in_channels=4)
    result = four.load_state_dict(
        {
            k[len('backbone.'):]: v
            for k, v in inflated.items()
        }, strict=True)
    assert not result.missing_keys and not result.unexpected_keys
    w = state['backbone.conv1.weight']
    expected = torch.cat([w, w.mean(1, keepdim=True)], 1) * 0.75
    torch.testing.assert_close(four.conv1.weight, expected, rtol=0, atol=0)
    # every other tensor is untouched; the input dict is not modified
    assert all(inflated[k] is v for k, v in state.items()
               if k != 'backbone.conv1.weight')
    assert state['backbone.conv1.weight'].shape[1] == 3
    # torchvision naming
    tv = {'conv1.weight': w, 'bn1.weight': torch.ones(64)}
    assert inflate_state_dict_stem(tv, 6, (0, 1, 2))['conv1.weight'].shape \
        == (64, 6, 7, 7)


def test_state_dict_errors_name_the_checkpoint():
    with pytest.raises(KeyError, match='x.pth: no stem weight'):
        inflate_state_dict_stem({'fc.weight': RGB},
                                4, (0, 1, 2),
                                source='x.pth')
    with pytest.raises(ValueError, match='already has 4 input channels'):
        inflate_state_dict_stem({'conv1.weight': torch.zeros(2, 4, 1, 1)}, 4,
                                (0, 1, 2))
    with pytest.raises(ValueError, match='x.pth: conv1.weight: .*mapping'):
        inflate_state_dict_stem({'conv1.weight': RGB}, 4, None, source='x.pth')
    custom = {'module.encoder_q.conv1.weight': RGB}
    out = inflate_state_dict_stem(custom,
                                  4, (0, 1, 2),
                                  key='module.encoder_q.conv1.weight')
    assert out['module.encoder_q.conv1.weight'].shape == (2, 4, 1, 1)
