"""SelfDistillHead: MLP, L2 normalisation, weight-normalised last layer."""
import copy

import pytest
import torch
import torch.nn.functional as F

import grsim_mm  # noqa: F401
from grsim_mm.models.heads import SelfDistillHead


def make_head(**kwargs):
    torch.manual_seed(0)
    cfg = dict(in_channels=6, out_dim=11, hidden_dim=8, bottleneck_dim=5)
    cfg.update(kwargs)
    head = SelfDistillHead(**cfg)
    head.init_weights()
    return head


def test_scores_are_cosines_to_unit_prototypes():
    head = make_head()
    x = torch.randn(4, 6)
    w1, w2, w3 = (m for m in head.mlp if isinstance(m, torch.nn.Linear))
    hidden = F.gelu(F.gelu(x @ w1.weight.T + w1.bias) @ w2.weight.T + w2.bias)
    z = hidden @ w3.weight.T + w3.bias
    z = z / z.norm(dim=1, keepdim=True)
    direction = head.last_layer.parametrizations.weight.original1
    prototypes = direction / direction.norm(dim=1, keepdim=True)
    expected = z @ prototypes.T
    out = head((x, ))  # tuples as backbones return them: the last is used
    torch.testing.assert_close(out, expected, rtol=1e-5, atol=1e-6)
    assert out.abs().max() <= 1 + 1e-6


def test_magnitude_fixed_or_trainable():
    fixed = make_head()
    magnitude = fixed.last_layer.parametrizations.weight.original0
    assert not magnitude.requires_grad
    assert torch.all(magnitude == 1)
    free = make_head(norm_last_layer=False)
    magnitude = free.last_layer.parametrizations.weight.original0
    assert magnitude.requires_grad and torch.all(magnitude == 1)
    assert set(fixed.state_dict()) >= {
        'last_layer.parametrizations.weight.original0',
        'last_layer.parametrizations.weight.original1'
    }


def test_init_and_layers():
    head = make_head(in_channels=64, hidden_dim=512, bottleneck_dim=256,
                     out_dim=3, num_layers=2, use_bn=True)
    linears = [m for m in head.mlp if isinstance(m, torch.nn.Linear)]
    assert [(m.in_features, m.out_features) for m in linears] == [(64, 512),
                                                                  (512, 256)]
    assert sum(isinstance(m, torch.nn.BatchNorm1d) for m in head.mlp) == 1
    for m in linears:
        # DINO's timm-style init: std 0.02 (PyTorch's default would give
        # 1 / sqrt(3 * fan_in), i.e. 0.072 and 0.026 here)
        assert m.weight.std().item() == pytest.approx(0.02, rel=0.1)
        assert torch.all(m.bias == 0)
    single = make_head(num_layers=1)
    assert len(single.mlp) == 1


def test_deepcopy_keeps_the_function():
    # the EMA teacher is a deep copy of the student
    head = make_head()
    x = torch.randn(3, 6)
    torch.testing.assert_close(copy.deepcopy(head)(x), head(x))


def test_feature_map_rejected():
    with pytest.raises(ValueError, match='GlobalAveragePooling'):
        make_head()(torch.randn(2, 6, 3, 3))
