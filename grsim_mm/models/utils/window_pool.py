"""Mean of a feature map over axis-aligned pixel windows."""
from typing import Optional, Tuple

import torch
import torch.nn.functional as F
from torch import Tensor


def _interpolation_matrix(in_size: int, out_size: int, align_corners: bool,
                          like: Tensor) -> Tensor:
    """(out_size, in_size) weights of 1-D bilinear resizing, taken from
    ``F.interpolate`` itself so they match mmseg's ``resize`` exactly."""
    basis = torch.eye(in_size, dtype=like.dtype, device=like.device)
    resized = F.interpolate(
        basis.view(1, in_size, in_size, 1),
        size=(out_size, 1),
        mode='bilinear',
        align_corners=align_corners)
    return resized.view(in_size, out_size).t()


def window_mean(feats: Tensor,
                windows: Tensor,
                image_size: Optional[Tuple[int, int]] = None,
                align_corners: bool = False) -> Tensor:
    """Average ``feats`` over P half-open windows per image.

    The sum over a box is separable: ``sum = rows^T F cols`` with 0/1 row and
    column indicators, so all windows of a batch reduce to one batched matmul
    and one small contraction. Unlike an integral image this sums only the
    window's own pixels, so float32 results match a direct crop-and-mean
    (a 224x224 cumulative sum loses about 1e-5 of absolute precision).

    Bilinear resizing is separable and linear too, so the mean over a window
    of ``feats`` resized to ``image_size`` needs no resized map: multiplying
    the indicators by the interpolation matrices gives per-row and
    per-column weights on ``feats`` itself. GLCNet pools windows of its
    64-channel map at 224 px; this reads the 56x56 map instead, with the
    same result and without the 16x larger map and its backward pass.

    Coordinates follow ``torchvision.ops.roi_pool``: they are rounded to the
    nearest pixel and clipped to the image, so a window ``(x1, y1, x2, y2)``
    equals ``roi_pool`` with the inclusive box ``(x1, y1, x2 - 1, y2 - 1)``
    and an output size equal to the window size, followed by a global mean.

    Args:
        feats (Tensor): Feature map of shape (B, C, H, W).
        windows (Tensor): Boxes (x1, y1, x2, y2) in image pixels, x = column,
            y = row, x2/y2 exclusive; shape (B, P, 4).
        image_size (tuple[int, int], optional): (height, width) that
            ``feats`` is bilinearly resized to before pooling, as mmseg's
            ``resize``. Defaults to None: windows are in pixels of ``feats``.
        align_corners (bool): ``align_corners`` of that resizing.

    Returns:
        Tensor: Window means of shape (B, P, C). An empty window (e.g. the
        placeholder of an invalid pair) yields zeros instead of NaN.
    """
    batch, channels, height, width = feats.shape
    out_height, out_width = image_size or (height, width)
    boxes = torch.floor(windows.to(torch.float32) + 0.5)
    x1, y1, x2, y2 = boxes.unbind(-1)
    x1, x2 = x1.clamp(0, out_width), x2.clamp(0, out_width)
    y1, y2 = y1.clamp(0, out_height), y2.clamp(0, out_height)

    cols = torch.arange(out_width, device=feats.device, dtype=torch.float32)
    rows = torch.arange(out_height, device=feats.device, dtype=torch.float32)
    col_weight = ((cols >= x1[..., None]) &
                  (cols < x2[..., None])).to(feats.dtype)  # B, P, W'
    row_weight = ((rows >= y1[..., None]) &
                  (rows < y2[..., None])).to(feats.dtype)  # B, P, H'
    if (out_height, out_width) != (height, width):
        col_weight = col_weight @ _interpolation_matrix(
            width, out_width, align_corners, feats)
        row_weight = row_weight @ _interpolation_matrix(
            height, out_height, align_corners, feats)
    area = ((x2 - x1).clamp(min=0) * (y2 - y1).clamp(min=0)).clamp(min=1)

    # (B, C*H, W) @ (B, W, P) -> (B, C, H, P): column sums for every window.
    col_sums = torch.bmm(
        feats.reshape(batch, channels * height, width),
        col_weight.transpose(1, 2))
    col_sums = col_sums.view(batch, channels, height, -1)
    sums = torch.einsum('bchp,bph->bpc', col_sums, row_weight)
    return sums / area[..., None].to(feats.dtype)
