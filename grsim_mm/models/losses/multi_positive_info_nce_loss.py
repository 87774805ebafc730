"""InfoNCE with a set of positives per anchor (SupCon form)."""
from typing import Optional

import torch
from mmengine.model import BaseModule
from mmpretrain.registry import MODELS
from torch import Tensor

from .gathered_keys import gather_keys, mean_over_global_anchors

FORMS = ('mean_of_logs', 'log_of_mean')


@MODELS.register_module()
class MultiPositiveInfoNCELoss(BaseModule):
    """InfoNCE where each anchor has the positives marked in a mask.

    RiSSNet's relaxed identity hypothesis makes nearby, similar tiles
    positives besides the anchor's other view, so a row can have several
    positives. With ``s = cos / temperature``, ``P_a`` the positives of
    anchor ``a`` and ``A_a`` every usable row but ``a`` (positives and
    negatives), the per-anchor loss is

    - ``'mean_of_logs'`` (SupCon's L_out, Khosla et al. 2020):
      ``-1/|P_a| * sum_{p in P_a} log(exp(s_ap) / sum_{j in A_a} exp(s_aj))``;
    - ``'log_of_mean'`` (SupCon's L_in):
      ``-log(1/|P_a| * sum_{p in P_a} exp(s_ap) / sum_{j in A_a} exp(s_aj))``.

    With one positive per anchor both equal :class:`NTXentLoss`. Negatives
    are every usable row (of all ranks with ``gather_negatives``) that is
    neither the anchor nor one of its positives. A row is an anchor when it
    is valid and has at least one valid positive and one negative; the loss
    is the mean over anchors.

    Args:
        temperature (float): Softmax temperature. Defaults to 0.5.
        form (str): ``'mean_of_logs'`` or ``'log_of_mean'``, see above.
            Defaults to ``'mean_of_logs'``, the form SupCon found to train
            better.
        gather_negatives (bool): In distributed runs, the rows of all ranks
            (gathered with gradient) are negatives; positives stay within a
            rank. Each rank normalises by its share of the global anchor
            count, so the mean over ranks equals one process on the whole
            batch. Requires the same row count on every rank. Defaults to
            False.
        loss_weight (float): Multiplier of the loss. Defaults to 1.0.
    """

    def __init__(self,
                 temperature: float = 0.5,
                 form: str = 'mean_of_logs',
                 gather_negatives: bool = False,
                 loss_weight: float = 1.0,
                 init_cfg: Optional[dict] = None) -> None:
        super().__init__(init_cfg=init_cfg)
        if form not in FORMS:
            raise ValueError(f'MultiPositiveInfoNCELoss: form={form!r} is '
                             f'not one of {FORMS}')
        if temperature <= 0:
            raise ValueError(f'MultiPositiveInfoNCELoss: temperature must be '
                             f'positive, got {temperature}')
        self.temperature = temperature
        self.form = form
        self.gather_negatives = gather_negatives
        self.loss_weight = loss_weight

    def forward(self,
                embeddings: Tensor,
                pos_mask: Tensor,
                valid: Optional[Tensor] = None) -> Tensor:
        """Compute the loss.

        Args:
            embeddings (Tensor): Local rows, shape (M, D), in any order (for
                example ``[view 1; view 2; relaxed positives]``).
            pos_mask (Tensor): Bool (M, M); ``pos_mask[a, p]`` makes local
                row ``p`` a positive of anchor ``a``. It need not be
                symmetric; the diagonal must be False.
            valid (Tensor, optional): Bool (M,) of usable rows; invalid rows
                are neither anchors, positives nor negatives. Defaults to
                all.

        Returns:
            Tensor: Scalar loss; zero (still attached to the graph) when no
            row is an anchor.
        """
        num = embeddings.size(0)
        if embeddings.dim() != 2 or pos_mask.shape != (num, num):
            raise ValueError(
                f'MultiPositiveInfoNCELoss: expected embeddings (M, D) and '
                f'pos_mask (M, M), got {tuple(embeddings.shape)} and '
                f'{tuple(pos_mask.shape)}')
        pos_mask = pos_mask.bool()
        if pos_mask.diagonal().any():
            raise ValueError('MultiPositiveInfoNCELoss: pos_mask marks rows '
                             'as their own positive; clear its diagonal')
        if valid is None:
            valid = pos_mask.new_ones(num)
        valid = valid.bool()

        gathered = gather_keys(embeddings, [valid], self.gather_negatives)
        keys_valid = gathered.fields[0]
        offset = gathered.offset
        logits = gathered.anchors @ gathered.keys.t() / self.temperature

        rows = torch.arange(num, device=embeddings.device)
        others = keys_valid[None, :].repeat(num, 1)
        others[rows, rows + offset] = False
        positives = torch.zeros_like(others)
        positives[:, offset:offset + num] = pos_mask & valid[None, :]
        num_pos = positives.sum(1)
        num_neg = (others & ~positives).sum(1)
        anchor = valid & (num_pos > 0) & (num_neg > 0)
        # Rows that are not anchors get full masks so every logsumexp stays
        # finite (and its gradient defined); their terms are zeroed below.
        others |= ~anchor[:, None]
        positives |= ~anchor[:, None]
        num_pos = num_pos.clamp(min=1).to(logits.dtype)

        log_denom = torch.logsumexp(
            logits.masked_fill(~others, float('-inf')), dim=1)
        if self.form == 'mean_of_logs':
            pos_term = logits.masked_fill(~positives, 0).sum(1) / num_pos
        else:
            pos_term = torch.logsumexp(
                logits.masked_fill(~positives, float('-inf')),
                dim=1) - num_pos.log()
        per_anchor = (log_denom - pos_term) * anchor
        return self.loss_weight * mean_over_global_anchors(
            per_anchor, anchor.sum(), gathered.world_size)
