"""NT-Xent contrastive losses over two batches of paired embeddings."""
from typing import Optional

import torch
import torch.nn.functional as F
from mmengine.model import BaseModule
from mmpretrain.registry import MODELS
from torch import Tensor

from ..utils.gather import all_gather_no_grad, all_gather_with_grad


@MODELS.register_module()
class NTXentLoss(BaseModule):
    """Normalised temperature-scaled cross entropy (SimCLR's NT-Xent).

    Rows ``z1[i]`` and ``z2[i]`` form a positive pair; every other row of both
    views is a negative. With ``N`` pairs each of the ``2N`` anchors sees
    ``2N - 2`` negatives, and the loss is the mean over anchors of
    ``-log(exp(s_pos) / (exp(s_pos) + sum_neg exp(s_neg)))`` with
    ``s = cos / temperature``.

    Args:
        temperature (float): Softmax temperature. Defaults to 0.5.
        gather_negatives (bool): In distributed runs, use the embeddings of
            all ranks (gathered with gradient) as negatives, so the loss sees
            the global batch. Anchors stay the local rows, and each rank
            normalises by its share of the global anchor count, so the mean
            over ranks equals the loss of one process on the whole batch.
            Requires the same batch size on every rank. Defaults to False.
        loss_weight (float): Multiplier of the loss. Defaults to 1.0.
    """

    #: Whether the positive is left out of the softmax denominator.
    decoupled = False

    def __init__(self,
                 temperature: float = 0.5,
                 gather_negatives: bool = False,
                 loss_weight: float = 1.0,
                 init_cfg: Optional[dict] = None) -> None:
        super().__init__(init_cfg=init_cfg)
        self.temperature = temperature
        self.gather_negatives = gather_negatives
        self.loss_weight = loss_weight

    def forward(self,
                z1: Tensor,
                z2: Tensor,
                valid: Optional[Tensor] = None) -> Tensor:
        """Compute the loss.

        Args:
            z1 (Tensor): Embeddings of view 1, shape (N, D).
            z2 (Tensor): Embeddings of view 2, shape (N, D).
            valid (Tensor, optional): Bool mask (N,) of usable pairs. Invalid
                pairs are neither anchors nor negatives. Defaults to all.

        Returns:
            Tensor: Scalar loss; zero (still attached to the graph) when no
            anchor is usable.
        """
        num = z1.size(0)
        if valid is None:
            valid = z1.new_ones(num, dtype=torch.bool)
        local = torch.cat([z1, z2])
        local_valid = torch.cat([valid, valid]).bool()
        anchors = F.normalize(local, dim=1)
        if self.gather_negatives:
            keys = F.normalize(all_gather_with_grad(local), dim=1)
            keys_valid = all_gather_no_grad(local_valid.to(torch.uint8)).bool()
            world_size = keys.size(0) // local.size(0)
        else:
            keys, keys_valid, world_size = anchors, local_valid, 1
        # Keys are ordered rank-major, [z1; z2] within a rank, so the rank
        # offset of the local rows is found from the sizes alone.
        offset = 0
        if world_size > 1:
            offset = torch.distributed.get_rank() * local.size(0)

        logits = anchors @ keys.t() / self.temperature
        rows = torch.arange(2 * num, device=local.device)
        self_idx = rows + offset
        pos_idx = (rows + num) % (2 * num) + offset
        pos_logits = logits[rows, pos_idx]

        denom_mask = keys_valid[None, :].repeat(2 * num, 1)
        denom_mask[rows, self_idx] = False
        if self.decoupled:
            denom_mask[rows, pos_idx] = False
        # Pairs are valid or invalid as a whole, so every valid anchor has the
        # same number of negatives: all valid keys minus itself and its pair.
        num_valid_keys = keys_valid.sum()
        has_negatives = num_valid_keys > 2
        anchor_valid = local_valid & has_negatives
        # Rows of unusable anchors get a full mask so logsumexp stays finite;
        # their terms are zeroed below.
        denom_mask |= ~anchor_valid[:, None]
        log_denom = torch.logsumexp(
            logits.masked_fill(~denom_mask, float('-inf')), dim=1)
        per_anchor = (log_denom - pos_logits) * anchor_valid

        global_count = num_valid_keys * has_negatives
        local_share = (global_count.to(per_anchor.dtype) / world_size).clamp(
            min=1.0 / world_size)
        return self.loss_weight * per_anchor.sum() / local_share


@MODELS.register_module()
class DecoupledNTXentLoss(NTXentLoss):
    """NT-Xent without the positive in the denominator (decoupled form).

    The per-anchor loss is ``-log(exp(s_pos) / sum_neg exp(s_neg))``. This is
    what the GLCNet reference code optimises; unlike standard NT-Xent it can
    be negative. Arguments are those of :class:`NTXentLoss`.
    """

    decoupled = True
