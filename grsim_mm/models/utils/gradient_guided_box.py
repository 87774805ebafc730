"""GraSS's box around the most salient region of a gradient heat map."""
from typing import Tuple

import numpy as np
import torch
from scipy import ndimage
from torch import Tensor

Box = Tuple[Tensor, Tensor, Tensor, Tensor]

# 8-connectivity within each map, no connection across the batch axis
_STRUCTURE = np.zeros((3, 3, 3), dtype=bool)
_STRUCTURE[1] = True


def gradient_guided_box(heatmap: Tensor, threshold_ratio: float = 0.5) -> Box:
    """Bounding box of the salient component of each heat map, as GraSS.

    A pixel is foreground when its value is strictly above
    ``min + threshold_ratio * (max - min)`` of its map. Foreground pixels are
    grouped into 8-connected components, numbered in raster order of their
    first pixel. Each component scores the maximum of the map inside its
    *bounding box* (which may cover pixels of other components), and the best
    score wins, the later component on ties; that is, the last component
    whose box holds a pixel equal to the map's maximum. A map without
    foreground (constant, or not finite) keeps the whole map.

    Thresholding and the choice run batched on the map's device; only the
    component labelling runs on the CPU (``scipy.ndimage``).

    Args:
        heatmap (Tensor): Maps at view size, shape (B, H, W) or (H, W).
        threshold_ratio (float): Position of the threshold between the
            map's minimum (0) and maximum (1). Defaults to 0.5.

    Returns:
        tuple[Tensor]: ``(top, left, bottom, right)`` in pixels of the map,
        bottom and right exclusive; each (B,) int64, or 0-d for an (H, W) map.
    """
    if heatmap.dim() not in (2, 3):
        raise ValueError('gradient_guided_box: heatmap must be (B, H, W) or '
                         f'(H, W); got shape {tuple(heatmap.shape)}.')
    if not 0.0 <= threshold_ratio <= 1.0:
        raise ValueError(f'gradient_guided_box: threshold_ratio='
                         f'{threshold_ratio} must lie in [0, 1].')
    maps = heatmap.detach()
    single = maps.dim() == 2
    if single:
        maps = maps[None]
    num, height, width = maps.shape
    device = maps.device
    low = maps.amin(dim=(1, 2), keepdim=True)
    high = maps.amax(dim=(1, 2), keepdim=True)
    foreground = maps > low + threshold_ratio * (high - low)

    labels, count = ndimage.label(foreground.cpu().numpy(),
                                  structure=_STRUCTURE)
    boxes = torch.tensor([[0, 0, height, width]], device=device).repeat(num, 1)
    if count:
        slices = ndimage.find_objects(labels)
        comps = torch.tensor(
            [[s[0].start, s[1].start, s[2].start, s[1].stop, s[2].stop]
             for s in slices], device=device)
        sample, comp_boxes = comps[:, 0], comps[:, 1:]
        winner = _box_holds_maximum(maps == high, sample, comp_boxes)
        # labels increase in raster order, so the largest winning index is
        # the last component on ties
        order = torch.arange(count, device=device)
        best = torch.full((num, ), -1, dtype=torch.long, device=device)
        best = best.scatter_reduce(0, sample, torch.where(winner, order, -1),
                                   reduce='amax')
        boxes = torch.where((best >= 0)[:, None],
                            comp_boxes[best.clamp(min=0)], boxes)
    top, left, bottom, right = boxes.unbind(dim=1)
    if single:
        return top[0], left[0], bottom[0], right[0]
    return top, left, bottom, right


def _box_holds_maximum(is_max: Tensor, sample: Tensor,
                       boxes: Tensor) -> Tensor:
    """Whether each box (K, 4: top, left, bottom, right) of map ``sample``
    holds a maximum pixel, from the integral image of ``is_max`` (B, H, W)."""
    num, height, width = is_max.shape
    integral = is_max.new_zeros((num, height + 1, width + 1),
                                dtype=torch.int32)
    integral[:, 1:, 1:] = is_max.int().cumsum(dim=1).cumsum(dim=2)
    top, left, bottom, right = boxes.unbind(dim=1)
    inside = (integral[sample, bottom, right] - integral[sample, top, right] -
              integral[sample, bottom, left] + integral[sample, top, left])
    return inside > 0
