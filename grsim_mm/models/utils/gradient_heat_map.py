"""GraSS's heat map: the contrastive loss's gradient on a feature map."""
from contextlib import nullcontext
from typing import Callable, Optional, Sequence, Tuple

import torch
import torch.nn.functional as F
from torch import Tensor


def loss_feature_gradient(features: Tensor,
                          loss_fn: Callable[[Tensor], Tensor],
                          fp32: bool = True) -> Tuple[Tensor, Tensor]:
    """Gradient of a loss with respect to a feature map, and the loss.

    ``loss_fn`` maps the features to the scalar loss (e.g. pooling, projector
    and contrastive loss). It runs on a detached copy of ``features`` and the
    gradient is taken with :func:`torch.autograd.grad` on that copy only, so
    no parameter gradient is filled and DDP reduces nothing; the backbone
    pass that made ``features`` may run under ``no_grad``. This equals the
    gradient of a full backward, which GraSS's released code runs and then
    discards.

    With gathered negatives in ``loss_fn`` every rank must call this function
    (the gather's backward is a collective).

    Args:
        features (Tensor): Feature map, e.g. (B, C, h, w).
        loss_fn (callable): Features to scalar loss.
        fp32 (bool): Run ``loss_fn`` in float32 with autocast off, so that
            small gradients cannot underflow in half precision. Defaults to
            True.

    Returns:
        tuple[Tensor]: ``(grad, loss)``: the gradient (shape of ``features``,
        float32 with ``fp32``) and the detached loss.
    """
    leaf = features.detach()
    if fp32:
        leaf = leaf.float()
    leaf.requires_grad_(True)
    precision = (torch.autocast(leaf.device.type, enabled=False)
                 if fp32 else nullcontext())
    # the backward inherits the caller's autocast state, so it runs inside
    # the same context as the forward
    with torch.enable_grad(), precision:
        loss = loss_fn(leaf)
        if loss.dim() != 0:
            raise ValueError('loss_feature_gradient: loss_fn must return a '
                             f'scalar; got shape {tuple(loss.shape)}.')
        (grad, ) = torch.autograd.grad(loss, leaf)
    return grad, loss.detach()


def gradient_heat_map(features: Tensor,
                      grads: Tensor,
                      size: Optional[Sequence[int]] = None) -> Tensor:
    """GraSS's gradient-weighted map, normalised by its maximum.

    ``M = mean_k(w_k * F_k)`` with ``w_k`` the spatial mean of ``grads`` in
    channel k: a channel *mean* with no ReLU, built from the gradient of the
    loss (not of a score), then divided by the per-sample maximum of ``M``
    without subtracting the minimum. A negative maximum therefore flips the
    ordering and a zero maximum gives inf/NaN, as in the released code (a
    non-finite map later keeps the whole view, see
    :func:`gradient_guided_box`).

    Args:
        features (Tensor): Feature map (B, C, h, w).
        grads (Tensor): Gradient of the loss with respect to ``features``.
        size (sequence of int, optional): (H, W) to upsample to, bilinearly
            with half-pixel centres (OpenCV's ``INTER_LINEAR``).

    Returns:
        Tensor: (B, h, w), or (B, H, W) with ``size``; dtype of ``grads``.
    """
    if features.shape != grads.shape or features.dim() != 4:
        raise ValueError('gradient_heat_map: features and grads must both be '
                         f'(B, C, h, w); got {tuple(features.shape)} and '
                         f'{tuple(grads.shape)}.')
    weights = grads.mean(dim=(2, 3), keepdim=True)
    heat = (weights * features.to(grads.dtype)).mean(dim=1)
    heat = heat / heat.amax(dim=(1, 2), keepdim=True)
    if size is not None:
        heat = F.interpolate(heat[:, None], size=tuple(size), mode='bilinear',
                             align_corners=False)[:, 0]
    return heat
