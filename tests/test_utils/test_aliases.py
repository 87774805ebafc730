"""The new names and the old names kept as aliases do the same thing."""
import importlib

import numpy as np
import pytest
import torch

import grsim_mm  # noqa: F401
from grsim_mm.datasets.transforms import GLCViews, PairedViews
from grsim_mm.evaluation import RSISegMetric, RSSegMetric
from grsim_mm.models.heads import GlobalContrastHead, GlobalStyleHead


@pytest.mark.parametrize('scope,registry,name', [
    ('mmpretrain', 'TRANSFORMS', 'PairedViews'),
    ('mmpretrain', 'TRANSFORMS', 'GLCViews'),
    ('mmpretrain', 'MODELS', 'GlobalContrastHead'),
    ('mmpretrain', 'MODELS', 'GlobalStyleHead'),
    ('mmseg', 'METRICS', 'RSISegMetric'),
    ('mmseg', 'METRICS', 'RSSegMetric'),
    ('mmseg', 'MODELS', 'RSIEncoderDecoder'),
])
def test_registered(scope, registry, name):
    module = importlib.import_module(f'{scope}.registry')
    assert getattr(module, registry).get(name).__name__ == name


def test_glc_views_are_paired_views():
    img = np.random.default_rng(0).integers(0, 256, (64, 64, 4), np.uint8)
    outputs = []
    for cls in (PairedViews, GLCViews):
        np.random.seed(1)
        outputs.append(cls(crop_size=32, window_size=8)(dict(img=img)))
    (new, old) = outputs
    for key in ('windows', 'window_valid'):
        np.testing.assert_array_equal(new[key], old[key])
    for a, b in zip(new['img'], old['img']):
        np.testing.assert_array_equal(a, b)
    assert new['view_params'] == old['view_params']


def test_global_style_head_is_the_style_variant():
    feats = torch.randn(3, 4, 5, 5, generator=torch.Generator().manual_seed(0))
    mean = feats.flatten(2).mean(2)
    var = feats.flatten(2).var(2, unbiased=True)
    plain = GlobalContrastHead(in_channels=4, hid_channels=8, out_channels=2)
    torch.testing.assert_close(plain.statistics(feats), mean)
    style = GlobalStyleHead(4, 8, 2)
    torch.testing.assert_close(style.statistics(feats),
                               torch.cat([mean, var], 1))
    torch.manual_seed(0)
    explicit = GlobalContrastHead(4, 8, 2, style=True)
    torch.manual_seed(0)
    alias = GlobalStyleHead(4, 8, 2)
    torch.testing.assert_close(explicit(feats), alias(feats))
    assert not GlobalStyleHead(4, style=False).style


def test_rs_seg_metric_is_rsi_seg_metric():
    assert issubclass(RSSegMetric, RSISegMetric)
    assert RSSegMetric().per_image_iou == RSISegMetric().per_image_iou
