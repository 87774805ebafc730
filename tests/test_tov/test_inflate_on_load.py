"""PretrainedBackbone with rgb_bands inflates an RGB checkpoint stem to the
model's band count and loads everything else unchanged."""
import pytest
import torch
from mmpretrain.models.backbones import ResNet
from torch import nn

from grsim_mm.utils import inflate_stem
from grsim_mm.utils.pretrained_backbone import PretrainedBackboneInit


class _Model(nn.Module):

    def __init__(self, bands):
        super().__init__()
        self.backbone = ResNet(depth=18, in_channels=bands)


def test_rgb_stem_inflated_when_loading(tmp_path):
    torch.manual_seed(0)
    rgb = ResNet(depth=18).state_dict()
    torch.save({f'backbone.{k}': v for k, v in rgb.items()},
               tmp_path / 'rgb.pth')
    model = _Model(5)
    PretrainedBackboneInit(str(tmp_path / 'rgb.pth'), rgb_bands=(2, 1, 0))(
        model)
    state = model.backbone.state_dict()
    w = rgb['conv1.weight']
    # hand computation: R, G, B filters into bands 2, 1, 0, the mean RGB
    # filter into bands 3 and 4, all times 3 / 5
    expected = torch.empty(w.shape[0], 5, *w.shape[2:])
    expected[:, 2], expected[:, 1], expected[:, 0] = w[:, 0], w[:, 1], w[:, 2]
    expected[:, 3] = expected[:, 4] = w.mean(1)
    torch.testing.assert_close(state['conv1.weight'], expected * 0.6,
                               rtol=1e-6, atol=1e-7)
    torch.testing.assert_close(state['conv1.weight'],
                               inflate_stem(w, 5, (2, 1, 0)), rtol=0, atol=0)
    for key, value in rgb.items():
        if key != 'conv1.weight':
            assert torch.equal(state[key], value), key


def test_without_rgb_bands_a_band_mismatch_is_refused(tmp_path):
    torch.save({f'backbone.{k}': v
                for k, v in ResNet(depth=18).state_dict().items()},
               tmp_path / 'rgb.pth')
    with pytest.raises(ValueError, match='shape mismatch'):
        PretrainedBackboneInit(str(tmp_path / 'rgb.pth'))(_Model(5))
    with pytest.raises(ValueError, match='not both'):
        PretrainedBackboneInit('x.pth', stem_bands=[0], rgb_bands=(0, 1, 2))


def test_torchvision_imagenet_layout_loads_as_stage1_does(tmp_path):
    """Stage 1's natural-image weights come as torchvision keys (no prefix,
    a classifier fc); every backbone tensor lands by name."""
    from torchvision.models import resnet18
    torch.manual_seed(1)
    tv = resnet18().state_dict()
    torch.save(tv, tmp_path / 'tv.pth')
    model = _Model(13)
    PretrainedBackboneInit(str(tmp_path / 'tv.pth'), prefix='',
                           ignore_keys=[r'^fc\.'], rgb_bands=(3, 2, 1))(model)
    state = model.backbone.state_dict()
    assert set(state) == set(tv) - {'fc.weight', 'fc.bias'}
    for key, value in state.items():
        expected = (inflate_stem(tv[key], 13, (3, 2, 1))
                    if key == 'conv1.weight' else tv[key])
        assert torch.equal(value, expected), key
