"""RiSSNet: nearby, similar windows as extra positives (relaxed identity)."""
from typing import Dict, List, Optional, Tuple

import torch
import torch.nn.functional as F
from mmengine.logging import MessageHub, print_log
from mmengine.model import ExponentialMovingAverage
from mmpretrain.registry import MODELS
from mmpretrain.structures import DataSample
from torch import Tensor, nn

from ..utils import frozen_bn_stats
from .glcnet import GLCNet

FEATURE_LOSSES = ('cosine', 'mse')
RANKING_ENCODERS = ('current', 'momentum')


class _Embedder(nn.Module):
    """Backbone, ASPP and projector as one module: the network the
    momentum copy averages."""

    def __init__(self, backbone: nn.Module, decode_head: nn.Module,
                 head: nn.Module) -> None:
        super().__init__()
        self.backbone = backbone
        self.decode_head = decode_head
        self.head = head

    def forward(self, img: Tensor) -> Tensor:
        return self.head(self.decode_head.aspp_forward(self.backbone(img)))


@MODELS.register_module()
class RiSSNet(GLCNet):
    """RiSSNet (Li et al., Remote Sensing 2023), reconstructed.

    The views of each sample are followed by K neighbour views
    (``NeighbourTiles``: windows of the same scene within a radius, the
    *spatial proximity*). Every step:

    1. both views go through backbone, ASPP and ``global_head`` (a
       ``GlobalContrastHead``: channel means through an MLP), as in the
       SimCLR baseline (GLCNet's global branch without style statistics;
       the config states the same projector from the encoder base);
    2. after ``warmup_epochs`` of plain SimCLR, the K candidates are
       embedded without gradient, by the current network (BatchNorm on the
       batch's statistics, running statistics left as they were) or by a
       momentum copy, and ranked by a feature loss against the anchor's
       view 1 (``'cosine'``: ``1 - cos``; ``'mse'``: the mean squared
       difference of the embeddings), the *visual similarity*;
    3. the ``num_relaxed`` lowest, if valid and (with ``threshold``) under
       it, are the relaxed identical samples; their views go through the
       network again, with gradient;
    4. ``global_head.loss_module``, a ``MultiPositiveInfoNCELoss``, sees
       the rows
       ``[view 1; view 2; relaxed]`` with the anchor's identity as label:
       the two views and the relaxed samples of one anchor are all
       positives of each other, every other row is a negative (gathered
       from all ranks if the loss says so).

    The relaxed pass always has ``B * num_relaxed`` images (slots that are
    not selected hold a candidate and are marked invalid), so every rank
    runs the same shapes and SyncBN and the gathered loss stay aligned.
    During the warm-up the candidates are not used at all and the loss is
    NT-Xent (``MultiPositiveInfoNCELoss`` with one positive per anchor).
    The warm-up counts epochs of the runner (mmengine's message hub);
    outside a runner, ``warmup_epochs > 0`` means warm-up.

    Logged besides the loss: ``relaxed_positives`` (mean count per anchor)
    and ``relaxed_distance`` (mean feature loss of those selected).

    Args:
        backbone (dict): mmseg backbone config.
        decode_head (dict): mmseg ``DeepLabV3PlusHead`` config.
        global_head (dict): ``GlobalContrastHead`` config whose loss is a
            ``MultiPositiveInfoNCELoss``.
        local_head: Must be None (there is no local branch).
        num_relaxed (int): Relaxed positives kept per anchor (top-k).
            Defaults to 2.
        threshold (float, optional): Keep only candidates whose feature
            loss is below it. Defaults to None (top-k only).
        feature_loss (str): ``'cosine'`` or ``'mse'``. Defaults to
            ``'cosine'``.
        ranking_encoder (str): ``'current'`` or ``'momentum'``. Defaults
            to ``'current'``.
        ranking_momentum (float): Weight of the old parameters in the
            momentum copy's update, ``m`` of MoCo. Defaults to 0.99.
        warmup_epochs (int): Epochs of plain SimCLR before relaxed
            positives. Defaults to 0.
        **kwargs: ``concat_views``, ``data_preprocessor``, ``init_cfg`` of
            :class:`GLCNet`.
    """

    global_only = True

    def __init__(self,
                 backbone: dict,
                 decode_head: dict,
                 global_head: Optional[dict] = None,
                 local_head: Optional[dict] = None,
                 num_relaxed: int = 2,
                 threshold: Optional[float] = None,
                 feature_loss: str = 'cosine',
                 ranking_encoder: str = 'current',
                 ranking_momentum: float = 0.99,
                 warmup_epochs: int = 0,
                 **kwargs) -> None:
        name = type(self).__name__
        checks = [
            (num_relaxed >= 1, f'num_relaxed must be at least 1, got '
             f'{num_relaxed}'),
            (feature_loss in FEATURE_LOSSES, f'feature_loss={feature_loss!r} '
             f'is not one of {FEATURE_LOSSES}'),
            (ranking_encoder in RANKING_ENCODERS,
             f'ranking_encoder={ranking_encoder!r} is not one of '
             f'{RANKING_ENCODERS}'),
            (0 <= ranking_momentum < 1, f'ranking_momentum must lie in '
             f'[0, 1), got {ranking_momentum}'),
            (warmup_epochs >= 0, f'warmup_epochs must not be negative, got '
             f'{warmup_epochs}'),
        ]
        for ok, message in checks:
            if not ok:
                raise ValueError(f'{name}: {message}')
        super().__init__(backbone, decode_head, global_head=global_head,
                         local_head=local_head, **kwargs)
        self.num_relaxed = num_relaxed
        self.threshold = threshold
        self.feature_loss = feature_loss
        self.warmup_epochs = warmup_epochs
        self._stage: Optional[bool] = None
        # kept out of the module tree: its parameters are this model's own
        self._online = [
            _Embedder(self.backbone, self.decode_head, self.global_head)
        ]
        self.ranking_encoder = None
        if ranking_encoder == 'momentum':
            self.ranking_encoder = ExponentialMovingAverage(
                self._online[0], momentum=1 - ranking_momentum)

    def relaxed_active(self) -> bool:
        """Whether the warm-up is over (logged once at each change)."""
        epoch = MessageHub.get_current_instance().get_info('epoch')
        active = self.warmup_epochs == 0 or (epoch is not None and
                                             epoch >= self.warmup_epochs)
        if active != self._stage:
            stage = 'relaxed positives' if active else 'SimCLR warm-up'
            print_log(f'{type(self).__name__}: {stage} (warmup_epochs='
                      f'{self.warmup_epochs}, epoch {epoch}).', 'current')
            self._stage = active
        return active

    def _embed(self, img: Tensor) -> Tensor:
        aspp, _ = self._forward_view(img)
        return self.global_head(aspp)

    @torch.no_grad()
    def _rank_embeddings(self, view1: Tensor, candidates: Tensor,
                         z1: Tensor) -> Tuple[Tensor, Tensor]:
        """Embeddings of the anchors and of the candidates for ranking."""
        if self.ranking_encoder is None:
            with frozen_bn_stats(self):
                return z1.detach(), self._embed(candidates)
        self.ranking_encoder.update_parameters(self._online[0])
        return self.ranking_encoder(view1), self.ranking_encoder(candidates)

    def _distance(self, anchors: Tensor, candidates: Tensor) -> Tensor:
        """Feature loss (B, K) of anchors (B, D) and candidates (B, K, D)."""
        if self.feature_loss == 'cosine':
            return 1 - F.cosine_similarity(anchors[:, None], candidates, -1)
        return (anchors[:, None] - candidates).pow(2).mean(-1)

    def select(self, view1: Tensor, candidates: Tensor, valid: Tensor,
               z1: Tensor) -> Tuple[Tensor, Tensor, Tensor]:
        """Rank the candidates (B, K, C, H, W) and pick the relaxed ones.

        Returns:
            The indices (B, k) of the k candidates with the lowest feature
            loss, whether each is a relaxed positive (B, k), and their
            feature losses (B, k).
        """
        num, k = candidates.shape[:2]
        if k < self.num_relaxed:
            raise ValueError(
                f'{type(self).__name__}: {k} neighbour views per sample, '
                f'fewer than num_relaxed={self.num_relaxed}; raise '
                "NeighbourTiles' num_neighbours")
        anchors, embedded = self._rank_embeddings(view1,
                                                  candidates.flatten(0, 1),
                                                  z1)
        dist = self._distance(anchors.float(),
                              embedded.float().view(num, k, -1))
        dist = dist.masked_fill(~valid, float('inf'))
        order = dist.argsort(dim=1, stable=True)[:, :self.num_relaxed]
        chosen = dist.gather(1, order)
        keep = torch.isfinite(chosen)
        if self.threshold is not None:
            keep &= chosen < self.threshold
        return order, keep, chosen

    def loss(self, inputs: List[Tensor], data_samples: List[DataSample],
             **kwargs) -> Dict[str, Tensor]:
        """Multi-positive InfoNCE of the views and the relaxed positives.

        Args:
            inputs (List[Tensor]): View 1, view 2, then the K neighbour
                views, each (B, C, H, W).
            data_samples (List[DataSample]): Carry ``neighbour_valid``
                (K,) once relaxed positives are on.

        Returns:
            Dict[str, Tensor]: ``loss_contrast``; after the warm-up also
            ``relaxed_positives`` and ``relaxed_distance`` (logged only).
        """
        z1, z2 = self._embed(inputs[0]), self._embed(inputs[1])
        num = z1.size(0)
        identity = torch.arange(num, device=z1.device)
        rows, labels = [z1, z2], [identity, identity]
        valid = [z1.new_ones(2 * num, dtype=torch.bool)]
        logged = {}
        if self.relaxed_active():
            if len(inputs) < 3:
                raise ValueError(
                    f'{type(self).__name__}: no neighbour views in the '
                    'batch; the pipeline needs NeighbourTiles after the '
                    "views and PackInputs(algorithm_keys=['neighbour_valid'])")
            candidates = torch.stack(inputs[2:], dim=1)
            neighbour_valid = self.stack_field(data_samples,
                                               'neighbour_valid', torch.bool,
                                               z1.device)
            order, keep, chosen = self.select(inputs[0], candidates,
                                              neighbour_valid, z1)
            picked = candidates[identity[:, None], order]
            rows.append(self._embed(picked.flatten(0, 1)))
            labels.append(identity.repeat_interleave(self.num_relaxed))
            valid.append(keep.flatten())
            logged['relaxed_positives'] = keep.sum(1).float().mean()
            logged['relaxed_distance'] = (
                chosen[keep].mean() if keep.any() else chosen.new_zeros(()))
        embeddings = torch.cat(rows)
        labels = torch.cat(labels)
        pos_mask = labels[:, None] == labels[None, :]
        pos_mask.fill_diagonal_(False)
        losses = dict(loss_contrast=self.global_head.loss_module(
            embeddings, pos_mask, torch.cat(valid)))
        losses.update(logged)
        self.check_finite(losses)
        return losses
