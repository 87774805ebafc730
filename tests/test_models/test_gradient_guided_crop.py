"""GraSS heat map and crop: detached gradient, map, box and nearest crop."""

import cv2
import numpy as np
import pytest
import torch
import torch.distributed as dist
import torch.nn.functional as F
from torch import nn

from grsim_mm.models.losses import NTXentLoss
from grsim_mm.models.utils import (gradient_guided_box, gradient_guided_crop,
                                   gradient_heat_map, loss_feature_gradient,
                                   nearest_crop_resize)


class TinySimCLR(nn.Module):
    """Conv trunk -> GAP -> two linear layers -> NT-Xent over [z1; z2]."""

    def __init__(self, gather_negatives=False):
        super().__init__()
        torch.manual_seed(0)
        self.trunk = nn.Sequential(nn.Conv2d(3, 8, 3, 2, 1), nn.BatchNorm2d(8),
                                   nn.ReLU(), nn.Conv2d(8, 16, 3, 2, 1),
                                   nn.ReLU())
        self.projector = nn.Sequential(nn.Linear(16, 16), nn.Linear(16, 8))
        self.loss = NTXentLoss(gather_negatives=gather_negatives)

    def head_loss(self, feats):
        z = self.projector(feats.mean(dim=(2, 3)))
        z1, z2 = z.chunk(2)
        return self.loss(z1, z2)


def views(num=4, size=16, seed=0):
    gen = torch.Generator().manual_seed(seed)
    return torch.randn(2 * num, 3, size, size, generator=gen)


def test_detached_gradient_equals_full_backward():
    model = TinySimCLR()
    x = views()
    feats = model.trunk(x)
    feats.retain_grad()
    full_loss = model.head_loss(feats)
    full_loss.backward()
    expected = feats.grad.clone()
    model.zero_grad(set_to_none=True)

    with torch.no_grad():
        feats_ng = model.trunk(x)
    grad, loss = loss_feature_gradient(feats_ng, model.head_loss)
    torch.testing.assert_close(grad, expected, rtol=1e-5, atol=1e-9)
    assert loss.item() == pytest.approx(full_loss.item(), rel=1e-6)
    assert not loss.requires_grad
    # the first pass fills no parameter gradient (nothing for DDP to reduce)
    assert all(p.grad is None for p in model.parameters())


def test_fp32_under_autocast():
    model = TinySimCLR()
    with torch.no_grad():
        feats = model.trunk(views())
    expected, _ = loss_feature_gradient(feats, model.head_loss)
    with torch.autocast('cpu', dtype=torch.bfloat16):
        half = feats.bfloat16()
        grad, _ = loss_feature_gradient(half, model.head_loss)
        grad_half, _ = loss_feature_gradient(half, model.head_loss,
                                             fp32=False)
    assert grad.dtype == torch.float32
    # the same computation as in float32 on the bf16-rounded features
    torch.testing.assert_close(
        grad, loss_feature_gradient(half.float(), model.head_loss)[0])
    # and close to the float32 features' gradient
    torch.testing.assert_close(grad, expected, rtol=0.05,
                               atol=0.02 * expected.abs().max().item())
    assert grad_half.dtype == torch.bfloat16


def test_loss_fn_must_return_scalar():
    with pytest.raises(ValueError, match=r'shape \(3,\)'):
        loss_feature_gradient(torch.ones(1, 3, 2, 2),
                              lambda f: f.mean(dim=(0, 2, 3)))


def test_heat_map_hand_computed():
    feats = torch.tensor([[[[1., 2.], [3., 4.]], [[4., 0.], [-2., 1.]]]])
    grads = torch.tensor([[[[1., 1.], [1., 1.]], [[-3., -1.], [0., 0.]]]])
    # channel weights: mean gradient 1 and -1; M = (1*F0 - 1*F1) / 2
    m = np.array([[-1.5, 1.0], [2.5, 1.5]])
    heat = gradient_heat_map(feats, grads)
    np.testing.assert_allclose(heat[0].numpy(), m / 2.5, rtol=1e-6)
    assert heat.min() < 0  # no ReLU


def test_heat_map_negative_maximum_flips_order():
    feats = torch.tensor([[[[1., 2.], [3., 4.]]]])
    heat = gradient_heat_map(feats, -torch.ones_like(feats))
    # M = -F, max -1: the weakest activation comes out on top, as released
    np.testing.assert_allclose(heat[0].numpy(), [[1., 2.], [3., 4.]])


def test_upsampling_is_opencv_linear():
    gen = torch.Generator().manual_seed(1)
    feats = torch.rand(1, 3, 7, 7, generator=gen)
    grads = torch.rand(1, 3, 7, 7, generator=gen)
    small = gradient_heat_map(feats, grads)[0].numpy()
    big = gradient_heat_map(feats, grads, size=(56, 56))[0].numpy()
    np.testing.assert_allclose(
        big, cv2.resize(small, (56, 56), interpolation=cv2.INTER_LINEAR),
        rtol=1e-5, atol=1e-6)


def test_nearest_crop_resize_hand_made():
    images = torch.arange(2 * 2 * 8 * 6, dtype=torch.float32).reshape(
        2, 2, 8, 6)
    boxes = (torch.tensor([2, 0]), torch.tensor([0, 1]),
             torch.tensor([6, 8]), torch.tensor([6, 4]))
    out = nearest_crop_resize(images, boxes)
    # sample 0: rows 2..5 each doubled, all columns kept
    expected0 = images[0, :, [2, 2, 3, 3, 4, 4, 5, 5]][:, :, :]
    # sample 1: all rows, columns 1..3 each doubled
    expected1 = images[1][:, :, [1, 1, 2, 2, 3, 3]]
    torch.testing.assert_close(out[0], expected0)
    torch.testing.assert_close(out[1], expected1)


def test_nearest_crop_resize_matches_interpolate():
    gen = torch.Generator().manual_seed(2)
    images = torch.randn(5, 3, 23, 17, generator=gen)
    top = torch.tensor([0, 3, 10, 22, 5])
    left = torch.tensor([0, 2, 9, 16, 0])
    bottom = torch.tensor([23, 11, 13, 23, 18])
    right = torch.tensor([17, 16, 10, 17, 7])
    out = nearest_crop_resize(images, (top, left, bottom, right))
    for i in range(5):
        crop = images[i:i + 1, :, top[i]:bottom[i], left[i]:right[i]]
        expected = F.interpolate(crop, size=(23, 17), mode='nearest')
        torch.testing.assert_close(out[i:i + 1], expected, rtol=0, atol=0)


def test_gradient_guided_crop_follows_the_hot_cell():
    # one hot cell at (1, 2) of a 4x4 map, uniform positive gradient: the
    # map is the feature itself; upsampled 4x, bilinear with half-pixel
    # centres, the 1D weight of the cell at output i is 1 - |(i+.5)/4 - 1.5|
    feats = torch.zeros(1, 2, 4, 4)
    feats[0, :, 1, 2] = 1.0
    images = torch.arange(3 * 16 * 16, dtype=torch.float32).reshape(
        1, 3, 16, 16)
    crops, boxes = gradient_guided_crop(images, feats, torch.ones_like(feats))

    def weights(centre):
        i = np.arange(16)
        src = np.clip((i + 0.5) / 4 - 0.5, 0, 3)
        return np.clip(1 - np.abs(src - centre), 0, None)

    heat = np.outer(weights(1), weights(2))
    rows, cols = np.nonzero(heat > 0.5 * heat.max())
    expected_box = (rows.min(), cols.min(), rows.max() + 1, cols.max() + 1)
    assert tuple(int(b) for b in boxes) == expected_box == (4, 8, 8, 12)
    t, l, b, r = expected_box
    expected = F.interpolate(images[:, :, t:b, l:r], size=(16, 16),
                             mode='nearest')
    torch.testing.assert_close(crops, expected, rtol=0, atol=0)


def worker(rank, port, feats, queue):
    torch.set_num_threads(1)  # two ranks share the machine's cores
    dist.init_process_group('gloo', init_method=f'tcp://127.0.0.1:{port}',
                            rank=rank, world_size=2)
    try:
        model = TinySimCLR(gather_negatives=True)
        local = feats[RANK_ROWS[rank]]
        grad, loss = loss_feature_gradient(local, model.head_loss)
        heat = gradient_heat_map(local, grad, size=(16, 16))
        queue.put((rank, grad.numpy(), heat.numpy(), loss.item()))
    finally:
        dist.destroy_process_group()


# [view 1; view 2] of images 0-1 on rank 0 and of images 2-3 on rank 1
RANK_ROWS = [[0, 1, 4, 5], [2, 3, 6, 7]]


def test_gathered_negatives_two_ranks(run_ranks):
    """Each rank's gradient is that of the sum of the ranks' losses (twice
    the whole-batch mean), so its heat map equals one process's."""
    model = TinySimCLR(gather_negatives=True)
    with torch.no_grad():
        feats = model.trunk(views())
    grad, loss = loss_feature_gradient(feats, model.head_loss)
    heat = gradient_heat_map(feats, grad, size=(16, 16))

    results = run_ranks(worker, feats, world=2)
    for rank, rank_grad, rank_heat, _ in results:
        rows = RANK_ROWS[rank]
        torch.testing.assert_close(torch.from_numpy(rank_grad),
                                   2 * grad[rows], rtol=1e-4, atol=1e-9)
        torch.testing.assert_close(torch.from_numpy(rank_heat), heat[rows],
                                   rtol=1e-4, atol=1e-6)
    assert (results[0][3] + results[1][3]) / 2 == pytest.approx(loss.item(),
                                                                rel=1e-5)
    boxes = gradient_guided_box(heat)
    assert len(set(zip(*[b.tolist() for b in boxes]))) > 1
