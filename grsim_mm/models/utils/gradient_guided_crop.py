"""GraSS's sampling: crop each view to its heat-map box and resize it back."""
from typing import Tuple

import torch
from torch import Tensor

from .gradient_guided_box import Box, gradient_guided_box
from .gradient_heat_map import gradient_heat_map


def nearest_crop_resize(images: Tensor, boxes: Box) -> Tensor:
    """Crop ``images[b, :, top:bottom, left:right]`` and resize each crop back
    to (H, W) by nearest neighbour, in one gather.

    The source index of output pixel ``i`` is ``floor(i * (crop / out))`` in
    float32, exactly as ``F.interpolate(mode='nearest')``, which the released
    code calls view by view.

    Args:
        images (Tensor): (B, C, H, W).
        boxes (tuple[Tensor]): ``(top, left, bottom, right)``, each (B,),
            bottom and right exclusive, non-empty.

    Returns:
        Tensor: (B, C, H, W).
    """
    num, _, height, width = images.shape
    top, left, bottom, right = (t.to(images.device) for t in boxes)
    rows = _nearest_index(top, bottom - top, height)
    cols = _nearest_index(left, right - left, width)
    batch = torch.arange(num, device=images.device)[:, None, None]
    # advanced indices around the channel slice come first: (B, H, W, C)
    crops = images[batch, :, rows[:, :, None], cols[:, None, :]]
    return crops.permute(0, 3, 1, 2).contiguous()


def _nearest_index(start: Tensor, length: Tensor, out: int) -> Tensor:
    """(B, out) source indices of a nearest resize of ``length`` to ``out``."""
    scale = length.float() / out
    steps = torch.arange(out, device=start.device, dtype=torch.float32)
    index = torch.floor(steps[None] * scale[:, None]).long()
    return start[:, None] + torch.minimum(index, length[:, None] - 1)


def gradient_guided_crop(images: Tensor,
                         features: Tensor,
                         grads: Tensor,
                         threshold_ratio: float = 0.5) -> Tuple[Tensor, Box]:
    """GraSS samples of a batch of views.

    Heat map of :func:`gradient_heat_map` upsampled to the view size, box of
    :func:`gradient_guided_box`, then :func:`nearest_crop_resize`. Each view
    is cropped from its own map, so the two views of a pair are cropped
    independently. The crop is taken from the already augmented and
    normalised views, as in the released code.

    Args:
        images (Tensor): Views (B, C, H, W).
        features (Tensor): Feature map of ``images`` (B, K, h, w).
        grads (Tensor): Gradient of the loss with respect to ``features``.
        threshold_ratio (float): See :func:`gradient_guided_box`.

    Returns:
        tuple: The cropped views (B, C, H, W) and the boxes in view pixels.
    """
    heat = gradient_heat_map(features, grads, size=images.shape[-2:])
    boxes = gradient_guided_box(heat, threshold_ratio)
    return nearest_crop_resize(images, boxes), boxes
