"""FALSE's false-negative confidence-calibration (FNCC) contrastive loss."""
from typing import Optional, Tuple

import torch
import torch.distributed as dist
import torch.nn.functional as F
from mmengine.model import BaseModule
from mmpretrain.registry import MODELS
from torch import Tensor

from ..utils import all_gather_no_grad, all_gather_with_grad, is_distributed

FNSD_SCOPES = ('batch', 'per_anchor')
CANDIDATE_SCOPES = ('upper', 'all')
COMPARE_SPACES = ('exp', 'cos')


def _view_major(gathered: Tensor, world_size: int) -> Tensor:
    """Reorder rank-major ``[z1_r; z2_r]`` blocks into ``[z1_all; z2_all]``,
    the order one process would see on the whole batch."""
    blocks = gathered.reshape(world_size, 2, -1, *gathered.shape[1:])
    return blocks.transpose(0, 1).reshape(gathered.shape)


@MODELS.register_module()
class FNCCLoss(BaseModule):
    """NT-Xent with FALSE's false-negative self-determination and calibration.

    The standard (non-decoupled) NT-Xent of SimCLR, as VISSL computes it, plus
    the two steps of FALSE (Zhang et al., IEEE GRSL 2022):

    * **FNSD** picks, among the negatives ``m`` of an anchor ``a``, the one
      whose similarity is closest to the anchor's positive similarity,
      ``|S_am - S_ap|`` with ``S = exp(cos / temperature)``. With
      ``fnsd_scope='batch'`` (released code) the minimum is taken over the
      whole batch, so normally one (anchor, negative) pair per step is picked;
      exact ties pick every tied pair.
    * **FNCC** acts on a picked pair only if the anchor's *own* positive cosine
      is at least ``positive_threshold``: ``alpha * S_am`` joins the numerator
      and ``(1 - alpha) * S_am`` stays among the negatives. The denominator is
      therefore SimCLR's, and only the anchor's row changes.

    The released code fills excluded cells with the value 3, which real
    differences exceed (up to ``e^2 - e^-2`` at temperature 0.5); when every
    real difference is above 3 it then promotes whole lower triangles.
    Excluded cells are masked here instead. Its positive and diagonal columns
    are also wrong with several GPUs; here every rank indexes the global
    batch in the order one process would see it (``[view 1 of all images;
    view 2 of all images]``), so ``candidate_scope='upper'`` and the batch
    minimum do not depend on the number of processes. Selection is done on
    the device without Python loops or host synchronisation.

    Args:
        temperature (float): Softmax temperature. Defaults to 0.5.
        positive_threshold (float): Minimum cosine between the anchor and its
            positive for its picked negative to be calibrated. Defaults to 0.9.
        confidence_weight (float): ``alpha`` in [0, 1], the share of the picked
            negative moved to the numerator. 0 gives plain NT-Xent. Defaults
            to 1.0 (the released default).
        fnsd_scope (str): 'batch' (one global minimum, released code) or
            'per_anchor' (the closest negative of every anchor).
        candidate_scope (str): 'upper' (only columns after the anchor's own
            index, as the released code) or 'all'.
        compare_space (str): Compare similarities as 'exp' (released code,
            ``exp(cos / temperature)``) or as plain 'cos'.
        gather_negatives (bool): In distributed runs use every rank's
            embeddings as negatives and candidates (gathered with gradient);
            the mean over ranks then equals one process on the whole batch.
            Requires the same batch size on every rank. Defaults to False.
        loss_weight (float): Multiplier of the loss. Defaults to 1.0.
    """

    def __init__(self,
                 temperature: float = 0.5,
                 positive_threshold: float = 0.9,
                 confidence_weight: float = 1.0,
                 fnsd_scope: str = 'batch',
                 candidate_scope: str = 'upper',
                 compare_space: str = 'exp',
                 gather_negatives: bool = False,
                 loss_weight: float = 1.0,
                 init_cfg: Optional[dict] = None) -> None:
        super().__init__(init_cfg=init_cfg)
        for name, value, allowed in (
                ('fnsd_scope', fnsd_scope, FNSD_SCOPES),
                ('candidate_scope', candidate_scope, CANDIDATE_SCOPES),
                ('compare_space', compare_space, COMPARE_SPACES)):
            if value not in allowed:
                raise ValueError(f'FNCCLoss: {name}={value!r} is not one of '
                                 f'{allowed}.')
        if not 0.0 <= confidence_weight <= 1.0:
            raise ValueError(
                f'FNCCLoss: confidence_weight={confidence_weight} must lie in '
                '[0, 1]; it splits the picked negative between numerator '
                '(alpha) and denominator (1 - alpha).')
        if temperature <= 0:
            raise ValueError(
                f'FNCCLoss: temperature={temperature} must be positive.')
        self.temperature = temperature
        self.positive_threshold = positive_threshold
        self.confidence_weight = confidence_weight
        self.fnsd_scope = fnsd_scope
        self.candidate_scope = candidate_scope
        self.compare_space = compare_space
        self.gather_negatives = gather_negatives
        self.loss_weight = loss_weight
        self._mask_cache = None

    def forward(self,
                z1: Tensor,
                z2: Tensor,
                valid: Optional[Tensor] = None) -> Tensor:
        """Compute the loss.

        Args:
            z1 (Tensor): Embeddings of view 1, shape (N, D), not normalised.
            z2 (Tensor): Embeddings of view 2, shape (N, D).
            valid (Tensor, optional): Bool mask (N,) of usable pairs. Invalid
                pairs are neither anchors, negatives nor candidates.

        Returns:
            Tensor: Scalar mean over the usable anchors of the global batch
            (this rank's share of it with ``gather_negatives``).
        """
        if z1.shape != z2.shape or z1.dim() != 2:
            raise ValueError('FNCCLoss: z1 and z2 must both be (N, D); got '
                             f'{tuple(z1.shape)} and {tuple(z2.shape)}.')
        num = z1.size(0)
        if valid is None:
            valid = z1.new_ones(num, dtype=torch.bool)
        # at least fp32: the exponentials below are summed directly
        dtype = torch.promote_types(z1.dtype, torch.float32)
        local = torch.cat([z1, z2]).to(dtype)
        local_valid = torch.cat([valid, valid]).bool()
        anchors = F.normalize(local, dim=1)
        world_size, rank = 1, 0
        keys, keys_valid = anchors, local_valid
        if self.gather_negatives and is_distributed():
            world_size, rank = dist.get_world_size(), dist.get_rank()
            keys = F.normalize(
                _view_major(all_gather_with_grad(local), world_size), dim=1)
            keys_valid = _view_major(
                all_gather_no_grad(local_valid.to(torch.uint8)),
                world_size).bool()

        logits = (anchors / self.temperature) @ keys.t()
        own_bias, excluded_bias, pos_col = self._masks(
            num, world_size, rank, logits.device, dtype)
        num_valid_keys = keys_valid.sum()
        anchor_valid = local_valid & (num_valid_keys > 2)
        # invalid keys are possible only with a mask here or on another rank
        key_bias = None
        if valid is not None or world_size > 1:
            key_bias = torch.zeros_like(keys_valid, dtype=dtype).masked_fill(
                ~keys_valid, float('inf'))[None, :]

        # One exponential for everything: exp(logit - shift) per row, with
        # the shift at the positive's logit unless a negative exceeds it by
        # more than 60 (no overflow, and the positive term is 1 if possible).
        # Masks are additive, cached per shape: cheaper than boolean masks.
        masked = logits + own_bias
        if key_bias is not None:
            masked = masked - key_bias
        pos_logit = logits.gather(1, pos_col[:, None])
        with torch.no_grad():
            shift = torch.maximum(pos_logit,
                                  masked.amax(dim=1, keepdim=True) - 60)
        exps = torch.exp(masked - shift)
        tiny = torch.finfo(dtype).tiny
        denom = exps.sum(dim=1).clamp(min=tiny)
        numer = exps.gather(1, pos_col[:, None])[:, 0]
        if self.confidence_weight > 0:
            picked = self._picked_pairs(logits, exps, shift, pos_logit,
                                        excluded_bias, key_bias, pos_col,
                                        anchor_valid, world_size)
            numer = numer + self.confidence_weight * torch.where(
                picked, exps, 0.0).sum(dim=1)
        per_anchor = (denom.log() - numer.clamp(min=tiny).log()) * anchor_valid

        global_count = num_valid_keys * (num_valid_keys > 2)
        local_share = (global_count.to(dtype) / world_size).clamp(
            min=1.0 / world_size)
        return self.loss_weight * per_anchor.sum() / local_share

    def _masks(self, num: int, world_size: int, rank: int,
               device: torch.device,
               dtype: torch.dtype) -> Tuple[Tensor, Tensor, Tensor]:
        """Additive masks (2N, 2N*W) and the positive's column (2N,).

        Columns follow the view-major global batch. The first mask is -inf at
        each anchor's own column (outside the softmax), the second +inf at
        the columns that are never FNSD candidates (self, positive and, with
        ``candidate_scope='upper'``, every column before the anchor's own).
        Built once per batch shape.
        """
        key = (num, world_size, rank, device, dtype)
        if self._mask_cache is None or self._mask_cache[0] != key:
            total = num * world_size
            rows = torch.arange(2 * num, device=device)
            self_col = (rows // num) * total + rank * num + rows % num
            pos_col = (self_col + total) % (2 * total)
            cols = torch.arange(2 * total, device=device)[None, :]
            own = cols == self_col[:, None]
            excluded = own | (cols == pos_col[:, None])
            if self.candidate_scope == 'upper':
                excluded |= cols < self_col[:, None]
            zeros = torch.zeros(own.shape, device=device, dtype=dtype)
            self._mask_cache = (key, zeros.masked_fill(own, float('-inf')),
                                zeros.masked_fill(excluded, float('inf')),
                                pos_col)
        return self._mask_cache[1:]

    @torch.no_grad()
    def _picked_pairs(self, logits: Tensor, exps: Tensor, shift: Tensor,
                      pos_logit: Tensor, excluded_bias: Tensor,
                      key_bias: Optional[Tensor], pos_col: Tensor,
                      anchor_valid: Tensor, world_size: int) -> Tensor:
        """Bool mask (2N, 2N*W) of the (anchor, negative) pairs that FNSD picks
        and whose anchor passes the positive threshold."""
        pos_logit = pos_logit.detach()
        if self.compare_space == 'exp':
            # |S_am - S_ap| / exp(shift): the order within a row is kept
            exps = exps.detach()
            diff = (exps - exps.gather(1, pos_col[:, None])).abs_()
        else:
            # |cos_am - cos_ap| / temperature
            diff = (logits.detach() - pos_logit).abs_()
        diff += excluded_bias
        if key_bias is not None:
            diff += key_bias
        row_min = diff.amin(dim=1, keepdim=True)
        # a row takes part if it is a usable anchor with a candidate whose
        # positive passes the threshold ...
        row_ok = (anchor_valid[:, None] & (row_min < float('inf'))
                  & (pos_logit * self.temperature >= self.positive_threshold))
        if self.fnsd_scope == 'batch':
            # ... and, for the batch scope, holds the smallest difference;
            # rows compare on one scale, in logs to keep tiny values apart
            row_key = row_min
            if self.compare_space == 'exp':
                row_key = row_min.log() + (shift - 1 / self.temperature)
            row_key = torch.where(anchor_valid[:, None], row_key,
                                  float('inf'))
            best = row_key.amin()
            if world_size > 1:
                dist.all_reduce(best, op=dist.ReduceOp.MIN)
            row_ok &= row_key == best
        # NaN equals nothing: rows that do not take part pick no column
        return diff == torch.where(row_ok, row_min, float('nan'))
