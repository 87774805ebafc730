"""NT-Xent whose negatives near the anchor on the ground and in feature
space are removed or down-weighted (GFCNet's negative correction)."""
import math
from typing import Optional

import torch
from mmengine.model import BaseModule
from mmpretrain.registry import MODELS
from torch import Tensor

from grsim_mm.datasets.positions import pairwise_geo_distance

from .gathered_keys import gather_keys, mean_over_global_anchors

MODES = ('remove', 'reweight')
WEIGHTINGS = ('linear', 'constant')


@MODELS.register_module()
class GeoFeatureCorrectedNTXentLoss(BaseModule):
    """NT-Xent with geography- and feature-corrected negatives.

    Two tiles that lie close together and look alike probably show the same
    ground objects, so pushing them apart as negatives confuses classes
    (GFCNet, Zhang et al. 2023). For anchor ``a`` and negative ``j`` the
    joint distance is

    ``d = geo_weight * min(d_geo / geo_radius, 1)
    + (1 - geo_weight) * (1 - cos(z_a, z_j)) / 2``,

    both terms in [0, 1]: ``d_geo`` is the distance between the samples'
    centres, infinite (so the term is 1) between different frames (scenes
    or CRSs), and the cosine is that of the current embeddings. A negative is
    *near* when it is in the anchor's frame and ``d < threshold``. Near
    negatives are removed from the softmax denominator (``'remove'``) or
    enter it with a weight below one (``'reweight'``). Weights are computed
    without gradient. With nothing near, the loss is :class:`NTXentLoss`.

    Rows ``z1[i]`` and ``z2[i]`` are the two views of sample ``i``; both
    carry the sample's position.

    Args:
        geo_radius (float): Geographic distance (in the unit of the centres:
            map units or scene pixels) at which the geographic term reaches
            its maximum of 1.
        temperature (float): Softmax temperature. Defaults to 0.5.
        mode (str): ``'remove'`` or ``'reweight'``. Defaults to
            ``'remove'``.
        geo_weight (float): Weight λ of the geographic term, in [0, 1].
            Defaults to 0.5.
        threshold (float): Joint distance under which a negative is near,
            in (0, 1]. Defaults to 0.2.
        weighting (str): Weight of a near negative in ``'reweight'`` mode:
            ``'linear'`` is ``d / threshold`` (0 for a twin, rising to 1 at
            the threshold), ``'constant'`` is ``near_weight``. Defaults to
            ``'linear'``.
        near_weight (float): The ``'constant'`` weight, in [0, 1).
            Defaults to 0.5.
        gather_negatives (bool): As in :class:`NTXentLoss`: negatives (and
            their positions) from all ranks, rank offsets accounted for, so
            the mean over ranks equals one process on the whole batch.
            Defaults to False.
        loss_weight (float): Multiplier of the loss. Defaults to 1.0.

    Attributes:
        corrected_fraction (Tensor): After a forward, the share of this
            rank's anchor-negative pairs that were near (for logging).
    """

    def __init__(self,
                 geo_radius: float,
                 temperature: float = 0.5,
                 mode: str = 'remove',
                 geo_weight: float = 0.5,
                 threshold: float = 0.2,
                 weighting: str = 'linear',
                 near_weight: float = 0.5,
                 gather_negatives: bool = False,
                 loss_weight: float = 1.0,
                 init_cfg: Optional[dict] = None) -> None:
        super().__init__(init_cfg=init_cfg)
        name = type(self).__name__
        checks = [
            (mode in MODES, f'mode={mode!r} is not one of {MODES}'),
            (weighting in WEIGHTINGS,
             f'weighting={weighting!r} is not one of {WEIGHTINGS}'),
            (geo_radius > 0, f'geo_radius must be positive, got '
             f'{geo_radius}'),
            (temperature > 0, f'temperature must be positive, got '
             f'{temperature}'),
            (0 <= geo_weight <= 1, f'geo_weight must lie in [0, 1], got '
             f'{geo_weight}'),
            (0 < threshold <= 1, f'threshold must lie in (0, 1], got '
             f'{threshold}'),
            (0 <= near_weight < 1, f'near_weight must lie in [0, 1), got '
             f'{near_weight}'),
        ]
        for ok, message in checks:
            if not ok:
                raise ValueError(f'{name}: {message}')
        self.geo_radius = geo_radius
        self.temperature = temperature
        self.mode = mode
        self.geo_weight = geo_weight
        self.threshold = threshold
        self.weighting = weighting
        self.near_weight = near_weight
        self.gather_negatives = gather_negatives
        self.loss_weight = loss_weight
        self.corrected_fraction: Optional[Tensor] = None

    def negative_weights(self, cos: Tensor, centres: Tensor, frames: Tensor,
                         key_centres: Tensor, key_frames: Tensor,
                         negatives: Tensor) -> Tensor:
        """Weights (M, K) in [0, 1] of the ``negatives`` pairs: 1 unless the
        pair is near. ``cos`` is the cosine of every anchor-key pair."""
        geo = pairwise_geo_distance(centres, frames, key_centres, key_frames)
        # distances need float64 (map coordinates), their [0, 1] terms not
        geo_term = (geo / self.geo_radius).clamp(max=1).to(cos.dtype)
        joint = (self.geo_weight * geo_term +
                 (1 - self.geo_weight) * (1 - cos) / 2)
        near = negatives & (geo < math.inf) & (joint < self.threshold)
        if self.mode == 'remove':
            near_value = torch.zeros_like(joint)
        elif self.weighting == 'linear':
            near_value = joint / self.threshold
        else:
            near_value = torch.full_like(joint, self.near_weight)
        weights = torch.where(near, near_value, torch.ones_like(joint))
        self.corrected_fraction = near.sum() / negatives.sum().clamp(min=1)
        return weights

    def forward(self,
                z1: Tensor,
                z2: Tensor,
                centres: Tensor,
                frames: Tensor,
                valid: Optional[Tensor] = None) -> Tensor:
        """Compute the loss.

        Args:
            z1 (Tensor): Embeddings of view 1, shape (N, D).
            z2 (Tensor): Embeddings of view 2, shape (N, D).
            centres (Tensor): Centre of each sample, (N, 2), in map units
                or scene pixels; float64 keeps map coordinates exact.
            frames (Tensor): Integer frame id of each sample, (N,): equal
                ids share a coordinate frame (same scene and CRS), see
                ``grsim_mm.datasets.positions.frame_id``.
            valid (Tensor, optional): Bool mask (N,) of usable pairs.
                Defaults to all.

        Returns:
            Tensor: Scalar loss; zero (still attached to the graph) when no
            anchor is usable.
        """
        num = z1.size(0)
        if centres.shape != (num, 2) or frames.shape != (num, ):
            raise ValueError(
                f'{type(self).__name__}: for {num} samples expected centres '
                f'({num}, 2) and frames ({num},), got '
                f'{tuple(centres.shape)} and {tuple(frames.shape)}')
        if valid is None:
            valid = z1.new_ones(num, dtype=torch.bool)
        local = torch.cat([z1, z2])
        local_valid = torch.cat([valid, valid]).bool()
        local_centres = torch.cat([centres, centres]).double()
        local_frames = torch.cat([frames, frames]).long()
        gathered = gather_keys(local, [local_valid, local_centres,
                                       local_frames], self.gather_negatives)
        keys_valid, key_centres, key_frames = gathered.fields
        logits = gathered.anchors @ gathered.keys.t() / self.temperature

        rows = torch.arange(2 * num, device=local.device)
        pos_idx = (rows + num) % (2 * num) + gathered.offset
        negatives = keys_valid[None, :].repeat(2 * num, 1)
        negatives[rows, rows + gathered.offset] = False
        negatives[rows, pos_idx] = False
        # Pairs are valid or invalid as a whole, so every valid anchor has
        # the same negatives count: all valid keys minus itself and its pair.
        anchor = local_valid & (keys_valid.sum() > 2)
        negatives &= anchor[:, None]
        with torch.no_grad():
            weights = self.negative_weights(
                logits.detach() * self.temperature, local_centres,
                local_frames, key_centres, key_frames, negatives)

        included = negatives & (weights > 0)
        included[rows, pos_idx] = True
        # Rows of unusable anchors get a full mask so logsumexp stays
        # finite; their terms are zeroed below.
        included |= ~anchor[:, None]
        log_weights = weights.clamp(min=torch.finfo(weights.dtype).tiny).log()
        log_denom = torch.logsumexp(
            (logits + log_weights).masked_fill(~included, float('-inf')),
            dim=1)
        per_anchor = (log_denom - logits[rows, pos_idx]) * anchor
        return self.loss_weight * mean_over_global_anchors(
            per_anchor, anchor.sum(), gathered.world_size)
