"""ImageNet-supervised initialisation: a torchvision-format ResNet (random
weights saved under torchvision's key names, nothing downloaded) loads into
the Potsdam ImageNet-init segmentor, the stem inflated by hand's rule."""
import os.path as osp
import urllib.error

import pytest
import torch
import torchvision
from mmengine.config import Config
from mmengine.registry import DefaultScope
from mmseg.registry import MODELS

from grsim_mm.utils import imagenet_backbone
from grsim_mm.utils.imagenet_backbone import (ImageNetBackboneInit,
                                              band_mapping,
                                              checkpoint_unavailable)

CONFIG = ('configs/finetune/'
          'deeplabv3plus_r50-os16_imagenet_1xb16-150e_potsdam-rgbir-{}pct.py')


@pytest.fixture(scope='module')
def torchvision_r18(tmp_path_factory):
    """A ResNet-18 with random weights and BN statistics, saved as
    torchvision saves its ImageNet files (a bare state dict)."""
    torch.manual_seed(0)
    net = torchvision.models.resnet18(weights=None)
    with torch.no_grad():
        for name, buf in net.named_buffers():
            if name.endswith(('running_mean', 'running_var')):
                buf.uniform_(0.5, 1.5)
    state = net.state_dict()
    path = str(tmp_path_factory.mktemp('imagenet') / 'resnet18.pth')
    torch.save(state, path)
    return path, state


def _segmentor(repo_root, checkpoint, **init):
    cfg = Config.fromfile(osp.join(repo_root, CONFIG.format(1)))
    cfg.model.backbone.update(depth=18, norm_cfg=dict(type='BN'))
    cfg.model.decode_head.update(in_channels=512, c1_in_channels=64,
                                 norm_cfg=dict(type='BN'))
    cfg.model.init_cfg.update(checkpoint=checkpoint, **init)
    with DefaultScope.overwrite_default_scope('mmseg'):
        model = MODELS.build(cfg.model)
        model.init_weights()
    return model


def _hand_inflation(rgb, rgb_bands, num_bands):
    out = torch.empty(rgb.shape[0], num_bands, *rgb.shape[2:],
                      dtype=torch.float64)
    for o in range(rgb.shape[0]):
        mean = (rgb[o, 0] + rgb[o, 1] + rgb[o, 2]).double() / 3
        for band in range(num_bands):
            w = rgb[o, rgb_bands.index(band)].double() \
                if band in rgb_bands else mean
            out[o, band] = w * 3 / num_bands
    return out


@pytest.mark.parametrize('naming', ['torchvision', 'openmmlab'])
def test_every_backbone_tensor_loads(repo_root, torchvision_r18, tmp_path,
                                     naming):
    path, state = torchvision_r18
    if naming == 'openmmlab':  # mmpretrain: backbone.*, classifier head.*
        # and, as in older files, no BatchNorm batch counters
        ckpt = {('head.' if k.startswith('fc.') else 'backbone.') + k: v
                for k, v in state.items()
                if not k.endswith('num_batches_tracked')}
        path = str(tmp_path / 'mmpretrain_r18.pth')
        torch.save(dict(state_dict=ckpt, meta={}), path)
    model = _segmentor(repo_root, path)
    own = model.backbone.state_dict()
    compared = 0
    for key, value in own.items():
        if key == 'conv1.weight':
            continue
        if key.endswith('num_batches_tracked') and naming == 'openmmlab':
            continue
        torch.testing.assert_close(value, state[key], rtol=0, atol=0)
        compared += 1
    counters = sum(k.endswith('num_batches_tracked') for k in own)
    skipped = 1 + (counters if naming == 'openmmlab' else 0)
    assert compared == len(own) - skipped
    assert len(own) == len([k for k in state if not k.startswith('fc.')])
    # Potsdam's band_names: R, G, B, NIR
    expected = _hand_inflation(state['conv1.weight'], [0, 1, 2], 4)
    torch.testing.assert_close(own['conv1.weight'].double(), expected)
    assert own['conv1.weight'].shape == (64, 4, 7, 7)


def test_rgb_bands_place_the_filters(repo_root, torchvision_r18):
    path, state = torchvision_r18
    # data stored B, G, R, NIR: the mapping is an explicit config key
    model = _segmentor(repo_root, path, band_names=None, rgb_bands=(2, 1, 0))
    expected = _hand_inflation(state['conv1.weight'], [2, 1, 0], 4)
    torch.testing.assert_close(model.backbone.conv1.weight.double(),
                               expected)
    # a constant input gives the RGB stem's pre-activation
    x = torch.full((1, 4, 16, 16), 0.7)
    rgb = torch.nn.functional.conv2d(x[:, :3], state['conv1.weight'],
                                     stride=2, padding=3)
    torch.testing.assert_close(model.backbone.conv1(x), rgb)


def _init_resnet18(checkpoint, **init):
    """The initialiser alone on a 4-band mmseg ResNet-18 holder."""
    from mmseg.models.backbones import ResNet
    holder = torch.nn.Module()
    holder.backbone = ResNet(depth=18, in_channels=4)
    ImageNetBackboneInit(checkpoint=checkpoint, **init)(holder)
    return holder


@pytest.mark.parametrize('init, match', [
    (dict(), 'needs the band mapping'),
    (dict(band_names=('R', 'G', 'B')), 'stem reads 4'),
    (dict(band_names=('NIR', 'R', 'G', 'SWIR')), r"\['blue'\]"),
    (dict(rgb_bands=(0, 1, 4)), r'indices \[4\] do not exist'),
    (dict(rgb_bands=(0, 0, 1)), 'three distinct'),
    (dict(rgb_bands=(2, 1, 0), band_names=('R', 'G', 'B', 'NIR')),
     'contradict band_names'),
])
def test_bad_band_mapping(torchvision_r18, init, match):
    with pytest.raises(ValueError, match=match):
        _init_resnet18(torchvision_r18[0], **init)


def test_the_config_without_mapping_is_refused(repo_root, torchvision_r18):
    with pytest.raises(ValueError, match='needs the band mapping'):
        _segmentor(repo_root, torchvision_r18[0], band_names=None)


def test_other_depth_is_refused(torchvision_r18, tmp_path):
    state = torchvision.models.resnet34(weights=None).state_dict()
    path = str(tmp_path / 'resnet34.pth')
    torch.save(state, path)
    with pytest.raises(KeyError, match='do not match'):
        _init_resnet18(path, rgb_bands=(0, 1, 2))


def test_configs_of_the_three_fractions(repo_root):
    for pct, split in ((1, 'trainR1'), (5, 'trainR5'), (10, 'trainR10')):
        cfg = Config.fromfile(osp.join(repo_root, CONFIG.format(pct)))
        assert cfg.train_dataloader.dataset.split == split
        assert cfg.model.init_cfg.type == 'ImageNetBackbone'
        assert band_mapping(4, None, cfg.model.init_cfg.band_names) == \
            (0, 1, 2)
        assert cfg.model.init_cfg.checkpoint.startswith('https://')


def test_availability_without_network(tmp_path, monkeypatch):
    monkeypatch.setattr(torch.hub, 'get_dir', lambda: str(tmp_path))

    def offline(*args, **kwargs):
        raise urllib.error.URLError('no network')

    monkeypatch.setattr(imagenet_backbone.urllib.request, 'urlopen', offline)
    url = 'https://example.org/models/resnet50-0676ba61.pth'
    assert 'no network' in checkpoint_unavailable(url)
    cached = tmp_path / 'checkpoints' / 'resnet50-0676ba61.pth'
    cached.parent.mkdir()
    cached.write_bytes(b'')
    assert checkpoint_unavailable(url) is None
    assert 'no such file' in checkpoint_unavailable(str(tmp_path / 'x.pth'))
    assert checkpoint_unavailable(str(cached)) is None
