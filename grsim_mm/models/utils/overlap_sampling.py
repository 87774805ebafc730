"""Resample dense feature maps of a view onto a common overlap grid."""
import torch.nn.functional as F
from torch import Tensor


def sample_overlap(feats: Tensor, grids: Tensor) -> Tensor:
    """Bilinearly sample ``feats`` at normalised view coordinates.

    ``grids`` come from the ``OverlapGrids`` transform: ``(x, y)`` in
    ``[-1, 1]`` with the ``align_corners=False`` convention, in which a map
    of any stride spans the same ``[-1, 1]`` square as the view. Points of
    both views' grids show the same ground, so after sampling the maps of two
    views are aligned location by location, whatever flips and rotations the
    views went through.

    Args:
        feats (Tensor): Feature maps (B, C, H, W) of one view.
        grids (Tensor): Sampling points (B, Gh, Gw, 2).

    Returns:
        Tensor: Sampled features (B, C, Gh, Gw).
    """
    return F.grid_sample(
        feats,
        grids.to(feats.dtype),
        mode='bilinear',
        padding_mode='border',
        align_corners=False)
