"""The vectorised window mean equals the reference RoIPool + average pool."""
import pytest
import torch
import torch.nn.functional as F
from torchvision.ops import roi_pool

from grsim_mm.models.utils import window_mean


def reference_window_mean(feats, windows, size):
    """What GLCNet's reference does: RoIPool with an output as large as the
    (inclusive) box, at scale 1, then a global average pool."""
    batch, num = windows.shape[:2]
    idx = torch.arange(batch, dtype=feats.dtype).repeat_interleave(num)
    boxes = windows.reshape(-1, 4).clone()
    boxes[:, 2:] -= 1  # half-open -> inclusive, as the reference's x1 + 47
    rois = torch.cat([idx[:, None], boxes], dim=1)
    pooled = roi_pool(feats, rois, output_size=(size, size), spatial_scale=1)
    return pooled.mean(dim=(2, 3)).view(batch, num, -1)


def random_windows(gen, batch, num, size, height, width):
    x1 = torch.randint(0, width - size + 1, (batch, num), generator=gen)
    y1 = torch.randint(0, height - size + 1, (batch, num), generator=gen)
    return torch.stack([x1, y1, x1 + size, y1 + size], -1).float()


@pytest.mark.parametrize('size,height,width', [(48, 96, 112), (24, 40, 33)])
def test_equals_roi_pool_and_mean(size, height, width):
    gen = torch.Generator().manual_seed(0)
    feats = torch.randn(3, 16, height, width, generator=gen) * 5 + 2
    windows = random_windows(gen, 3, 4, size, height, width)
    expected = reference_window_mean(feats, windows, size)
    actual = window_mean(feats, windows)
    assert actual.shape == (3, 4, 16)
    torch.testing.assert_close(actual, expected, rtol=1e-5, atol=1e-5)


def test_full_size_224_map_is_precise():
    # a 224x224 map with a large offset: an integral image in float32 would
    # miss the 1e-5 tolerance here
    gen = torch.Generator().manual_seed(1)
    feats = torch.randn(2, 8, 224, 224, generator=gen) + 50
    windows = random_windows(gen, 2, 4, 48, 224, 224)
    torch.testing.assert_close(
        window_mean(feats, windows), reference_window_mean(feats, windows, 48),
        rtol=1e-5, atol=1e-5)


def test_hand_computed_and_empty_window():
    feats = torch.arange(16.).view(1, 1, 4, 4)
    windows = torch.tensor([[[1., 0., 3., 2.], [0., 0., 0., 0.]]])
    out = window_mean(feats, windows)
    # rows 0-1, columns 1-2: (1 + 2 + 5 + 6) / 4
    assert out[0, 0, 0].item() == pytest.approx(3.5)
    assert out[0, 1, 0].item() == 0  # empty placeholder, no NaN


def test_gradient_spreads_evenly_over_the_window():
    feats = torch.zeros(1, 2, 10, 10, requires_grad=True)
    window_mean(feats, torch.tensor([[[2., 3., 6., 5.]]])).sum().backward()
    grad = feats.grad[0, 0]
    assert torch.all(grad[3:5, 2:6] == 1 / 8)
    assert grad.sum().item() == pytest.approx(1.0)


@pytest.mark.parametrize('align_corners', [True, False])
@pytest.mark.parametrize('low,high', [((56, 56), (224, 224)),
                                      ((13, 17), (50, 66))])
def test_window_mean_of_the_upsampled_map(align_corners, low, high):
    # GLCNet's reference upsamples the 56x56 decoder output to 224 and pools
    # windows there; pooling the low-resolution map with interpolation
    # weights must give the same numbers
    gen = torch.Generator().manual_seed(2)
    feats = torch.randn(2, 8, *low, generator=gen) * 3 + 1
    size = 12 if high[0] < 100 else 48
    windows = random_windows(gen, 2, 4, size, *high)
    upsampled = F.interpolate(
        feats, size=high, mode='bilinear', align_corners=align_corners)
    expected = reference_window_mean(upsampled, windows, size)
    actual = window_mean(
        feats, windows, image_size=high, align_corners=align_corners)
    torch.testing.assert_close(actual, expected, rtol=1e-5, atol=1e-5)


def test_upsampled_window_mean_gradient_matches():
    gen = torch.Generator().manual_seed(3)
    feats = torch.randn(1, 4, 7, 9, generator=gen)
    windows = torch.tensor([[[3., 5., 15., 17.], [0., 0., 12., 12.]]])
    weights = torch.randn(1, 2, 4, generator=gen)
    via_resize = feats.clone().requires_grad_()
    upsampled = F.interpolate(
        via_resize, size=(28, 36), mode='bilinear', align_corners=True)
    (window_mean(upsampled, windows) * weights).sum().backward()
    direct = feats.clone().requires_grad_()
    (window_mean(direct, windows, image_size=(28, 36), align_corners=True)
     * weights).sum().backward()
    torch.testing.assert_close(direct.grad, via_resize.grad)
