"""Keys of an in-batch contrastive loss, optionally gathered from all ranks.

Shared by the losses whose anchors are the local rows and whose keys are the
rows of the global batch. Keys are ordered rank-major, so the local rows sit
at ``offset = rank * M`` among them, and every per-row field (validity,
positions, ...) gathered the same way lines up with the keys.
"""
from typing import List, NamedTuple, Sequence

import torch
import torch.nn.functional as F
from torch import Tensor

from grsim_mm.models.utils import (all_gather_no_grad, all_gather_with_grad,
                                   is_distributed)


class GatheredKeys(NamedTuple):
    """Normalised local rows (the anchors) and keys, the per-row fields that
    go with the keys, the world size and the column of the first local
    row."""
    anchors: Tensor
    keys: Tensor
    fields: List[Tensor]
    world_size: int
    offset: int


def _gather_field(field: Tensor) -> Tensor:
    # gloo cannot all-gather bool tensors
    if field.dtype == torch.bool:
        return all_gather_no_grad(field.to(torch.uint8)).bool()
    return all_gather_no_grad(field)


def gather_keys(local: Tensor, fields: Sequence[Tensor],
                gather: bool) -> GatheredKeys:
    """Normalise ``local`` (M, D) and, with ``gather`` in a distributed run,
    gather it with gradient (and ``fields`` without) from every rank.

    Every rank must hold the same number of rows M.
    """
    anchors = F.normalize(local, dim=1)
    if not (gather and is_distributed()):
        return GatheredKeys(anchors, anchors, list(fields), 1, 0)
    keys = F.normalize(all_gather_with_grad(local), dim=1)
    world_size = keys.size(0) // local.size(0)
    offset = torch.distributed.get_rank() * local.size(0)
    return GatheredKeys(anchors, keys, [_gather_field(f) for f in fields],
                        world_size, offset)


def mean_over_global_anchors(per_anchor: Tensor, num_anchors: Tensor,
                             world_size: int) -> Tensor:
    """Sum of this rank's per-anchor terms over its share of the global
    anchor count, so that the mean of the ranks' results (what DDP's gradient
    averaging optimises) equals the mean over all anchors of the batch.

    Returns zero (still attached to the graph) when no rank has an anchor.
    """
    total = num_anchors.reshape(1)
    if world_size > 1:
        total = all_gather_no_grad(total)
    share = total.sum().to(per_anchor.dtype) / world_size
    return per_anchor.sum() / share.clamp(min=1.0 / world_size)
