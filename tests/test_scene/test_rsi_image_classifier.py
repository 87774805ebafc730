"""RSIImageClassifier: the network follows the data (bands, widths, class
count) and freeze_backbone is a linear probe of any backbone."""

import pytest
import torch
from mmpretrain.registry import MODELS
from scene_helpers import assert_probe_trains_only_the_head

BANDS = 13


def preprocessor(bands=BANDS, num_classes=6):
    return dict(type='ClsDataPreprocessor', num_classes=num_classes,
                mean=[1000.] * bands, std=[500.] * bands, to_rgb=False)


def classifier(backbone, neck=dict(type='GlobalAveragePooling'), **kwargs):
    return MODELS.build(dict(
        type='RSIImageClassifier', backbone=backbone, neck=neck,
        head=dict(type='LinearClsHead'),
        data_preprocessor=kwargs.pop('data_preprocessor', preprocessor()),
        **kwargs))


RESNET = dict(type='ResNet', depth=18, stem_channels=8, base_channels=8,
              out_indices=(3, ))
VIT = dict(type='VisionTransformer',
           arch=dict(embed_dims=24, num_layers=2, num_heads=2,
                     feedforward_channels=48),
           img_size=16, patch_size=8, out_type='cls_token')


def test_bands_widths_and_classes_follow():
    model = classifier(RESNET)
    assert model.backbone.conv1.in_channels == BANDS
    # ResNet-18 with base width 8: the last stage has 64 channels
    assert model.head.fc.weight.shape == (6, 64)
    vit = classifier(VIT, neck=None, data_preprocessor=preprocessor(3, 4))
    assert vit.backbone.patch_embed.projection.in_channels == 3
    # the class token has the embedding width
    assert vit.head.fc.weight.shape == (4, 24)
    out = vit(torch.randn(2, 3, 16, 16), mode='tensor')
    assert out.shape == (2, 4)


def test_explicit_values_must_agree_and_missing_ones_are_errors():
    with pytest.raises(ValueError, match='in_channels is 3 but the data '
                       'preprocessor normalises 13 bands'):
        classifier(dict(RESNET, in_channels=3))
    no_classes = dict(preprocessor(), num_classes=None)
    with pytest.raises(ValueError, match='head.num_classes is not set'):
        classifier(RESNET, data_preprocessor=no_classes)


@pytest.mark.parametrize('backbone', [RESNET, VIT], ids=['resnet', 'vit'])
def test_freeze_backbone_is_a_linear_probe(backbone):
    torch.manual_seed(0)
    bands = BANDS if backbone is RESNET else 3
    model = classifier(backbone, neck=None if backbone is VIT else
                       dict(type='GlobalAveragePooling'),
                       data_preprocessor=preprocessor(bands),
                       freeze_backbone=True)
    model.init_weights()
    model.train()
    assert not any(m.training for m in model.backbone.modules())
    assert_probe_trains_only_the_head(model, bands, size=16, high=3000,
                                      steps=2)
    # fine-tuning: everything trains, BN in training mode
    tuned = classifier(RESNET, freeze_backbone=False)
    tuned.train()
    assert all(p.requires_grad for p in tuned.parameters())
    assert tuned.backbone.bn1.training
