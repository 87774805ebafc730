"""Projection heads of GLCNet: statistics, window pooling and MLP values."""
import pytest
import torch
import torch.nn.functional as F

from grsim_mm.models.heads import (GlobalContrastHead, GlobalStyleHead,
                                   LocalMatchingHead)
from grsim_mm.models.losses import DecoupledNTXentLoss


def mlp(head, x):
    first, _, second = head.projector
    return F.linear(F.relu(F.linear(x, first.weight, first.bias)),
                    second.weight, second.bias)


def test_global_style_statistics_and_embedding():
    torch.manual_seed(0)
    head = GlobalStyleHead(in_channels=6, hid_channels=10, out_channels=4)
    feats = torch.randn(3, 6, 5, 7)
    stats = head.statistics(feats)
    mean = feats.mean(dim=(2, 3))
    # unbiased variance over the 35 positions, by hand
    var = ((feats - mean[..., None, None])**2).sum(dim=(2, 3)) / 34
    torch.testing.assert_close(stats, torch.cat([mean, var], 1))
    assert head.projector[0].in_features == 12
    torch.testing.assert_close(head(feats), mlp(head, stats))
    assert head(feats).shape == (3, 4)


def test_global_without_style_uses_mean_only():
    torch.manual_seed(0)
    head = GlobalStyleHead(in_channels=6, hid_channels=6, out_channels=4,
                           style=False)
    feats = torch.randn(3, 6, 5, 7)
    assert head.projector[0].in_features == 6
    torch.testing.assert_close(head.statistics(feats),
                               feats.mean(dim=(2, 3)))


def test_linear_projector_has_no_activation_and_the_same_keys():
    """VISSL's SimCLR head as FALSE/GraSS configure it: two linear layers."""
    torch.manual_seed(0)
    head = GlobalContrastHead(in_channels=6, hid_channels=5, out_channels=3,
                              nonlinear=False)
    feats = torch.randn(4, 6, 3, 3)
    first, _, second = head.projector
    # negative hidden values pass unclipped
    expected = F.linear(F.linear(feats.mean(dim=(2, 3)), first.weight,
                                 first.bias), second.weight, second.bias)
    torch.testing.assert_close(head(feats), expected)
    assert not torch.allclose(head(feats), mlp(head, feats.mean(dim=(2, 3))))
    relu_head = GlobalContrastHead(in_channels=6, hid_channels=5,
                                   out_channels=3)
    assert head.state_dict().keys() == relu_head.state_dict().keys()


def test_global_loss_is_the_loss_of_the_embeddings():
    torch.manual_seed(0)
    head = GlobalStyleHead(in_channels=6, hid_channels=8, out_channels=4)
    f1, f2 = torch.randn(4, 6, 3, 3), torch.randn(4, 6, 3, 3)
    expected = DecoupledNTXentLoss()(head(f1), head(f2))
    torch.testing.assert_close(head.loss(f1, f2), expected)


def test_local_matching_embeds_crops_in_image_major_order():
    torch.manual_seed(0)
    head = LocalMatchingHead(in_channels=3, hid_channels=5, out_channels=2)
    feats = torch.randn(2, 3, 20, 20)
    windows = torch.tensor([[[0., 0., 8., 8.], [4., 2., 12., 10.]],
                            [[12., 12., 20., 20.], [1., 9., 9., 17.]]])
    crops = torch.stack([
        feats[b, :, int(y1):int(y2), int(x1):int(x2)].mean(dim=(1, 2))
        for b in range(2) for x1, y1, x2, y2 in windows[b].tolist()
    ])
    torch.testing.assert_close(head(feats, windows), mlp(head, crops))


def test_local_loss_uses_each_views_windows_and_mask():
    torch.manual_seed(0)
    head = LocalMatchingHead(in_channels=3, hid_channels=5, out_channels=4)
    f1, f2 = torch.randn(2, 3, 16, 16), torch.randn(2, 3, 16, 16)
    windows = torch.tensor([[[[0., 0., 8., 8.], [8., 8., 16., 16.]],
                             [[4., 4., 12., 12.], [0., 8., 8., 16.]]],
                            [[[2., 2., 10., 10.], [6., 0., 14., 8.]],
                             [[8., 0., 16., 8.], [1., 1., 9., 9.]]]])
    valid = torch.tensor([[True, False], [True, True]])
    e1 = head(f1, windows[:, :, 0])
    e2 = head(f2, windows[:, :, 1])
    expected = DecoupledNTXentLoss()(e1, e2, valid.flatten())
    actual = head.loss(f1, f2, windows, valid)
    assert actual.item() == pytest.approx(expected.item(), rel=1e-6)
    unmasked = head.loss(f1, f2, windows, torch.ones(2, 2, dtype=torch.bool))
    assert actual.item() != pytest.approx(unmasked.item())
