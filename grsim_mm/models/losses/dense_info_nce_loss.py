"""InfoNCE between two sets of embeddings with given positive indices."""
from typing import Optional

import torch
import torch.nn.functional as F
from mmengine.model import BaseModule
from mmpretrain.registry import MODELS
from torch import Tensor


@MODELS.register_module()
class DenseInfoNCELoss(BaseModule):
    """Cross-view InfoNCE over cosine similarities of location embeddings.

    Anchor ``i`` of one view is pulled to key ``targets[i]`` of the other
    view and pushed from every other valid key, i.e. from the other
    locations of its own image and from all locations of the other images
    of the batch. The loss is the mean over valid anchors of
    ``-log softmax(cos(q_i, k) / temperature)[targets[i]]``.

    Args:
        temperature (float): Softmax temperature. Defaults to 0.5.
        loss_weight (float): Multiplier of the loss. Defaults to 1.0.
    """

    def __init__(self,
                 temperature: float = 0.5,
                 loss_weight: float = 1.0,
                 init_cfg: Optional[dict] = None) -> None:
        super().__init__(init_cfg=init_cfg)
        self.temperature = temperature
        self.loss_weight = loss_weight

    def forward(self,
                query: Tensor,
                keys: Tensor,
                targets: Tensor,
                query_valid: Optional[Tensor] = None,
                key_valid: Optional[Tensor] = None) -> Tensor:
        """Compute the loss.

        Args:
            query (Tensor): Anchors (N, D).
            keys (Tensor): Keys (M, D).
            targets (Tensor): Index of each anchor's positive key (N,).
            query_valid (Tensor, optional): Bool (N,), anchors to use.
            key_valid (Tensor, optional): Bool (M,), keys that may be
                negatives. The positive of a valid anchor must be valid.

        Returns:
            Tensor: Scalar loss; zero (attached to the graph) without valid
            anchors.
        """
        if query_valid is None:
            query_valid = query.new_ones(query.size(0), dtype=torch.bool)
        if key_valid is None:
            key_valid = keys.new_ones(keys.size(0), dtype=torch.bool)
        logits = F.normalize(query, dim=1) @ F.normalize(keys, dim=1).t()
        logits = logits / self.temperature
        logits = logits.masked_fill(~key_valid[None, :], float('-inf'))
        # Rows of invalid anchors are replaced so that no -inf/NaN enters
        # the graph; their terms are dropped below.
        logits = torch.where(query_valid[:, None], logits,
                             torch.zeros_like(logits))
        per_anchor = F.cross_entropy(logits, targets, reduction='none')
        per_anchor = per_anchor * query_valid
        count = query_valid.sum().clamp(min=1)
        return self.loss_weight * per_anchor.sum() / count
