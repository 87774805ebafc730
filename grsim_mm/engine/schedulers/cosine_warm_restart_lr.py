"""VISSL's cosine schedule with warm restarts after a linear warm-up, the
learning rate of FALSE's and GraSS's released configs."""
import bisect
import math
from typing import List, Optional, Union

from mmengine.optim import BaseOptimWrapper
from mmengine.optim.scheduler.lr_scheduler import LRSchedulerMixin
from mmengine.optim.scheduler.param_scheduler import INF, _ParamScheduler
from mmpretrain.registry import PARAM_SCHEDULERS
from torch.optim import Optimizer

WAVES = ('full', 'half')


class CosineWarmRestartParamScheduler(_ParamScheduler):
    """A linear warm-up, then VISSL's ``cosine_warm_restart`` schedule.

    Positions are fractions of the schedule's span (``end - begin`` steps),
    so one config serves any number of epochs; the span defaults to the
    whole run (mmengine's Runner sets ``end``). With base value ``v``:

    * ``f < warmup_ratio``: ``v * (s + (1 - s) * f / warmup_ratio)``,
      ``s = warmup_start_factor``;
    * then, at ``w`` in [0, 1) of the rest, a cosine between the peak ``m``
      and ``eta = eta_min_ratio * v``. ``wave='full'``:
      ``eta + (m - eta) / 2 * (1 + cos(pi * w / r))`` with
      ``r = restart_interval``, a wave that falls over ``r`` and rises over
      the next ``r``, restarting at ``w = 0, r, 3r, 5r...``. ``'half'``:
      the same with ``w`` taken modulo ``r``, restarting every ``r``.
    * The peak after restart ``k`` is ``v * restart_factor ** k``, or with
      ``adaptive`` the value a single cosine from ``v`` to ``eta`` would
      have ``r`` after the restart (full wave) or at the restart (half).

    FALSE and GraSS (after VISSL's SimCLR recipe): base 4.8, warm-up 10 %
    from 0.6, ``eta`` 0.0048, ``r = 0.334``, full wave, adaptive; the
    peaks are then 3.597 (right after the warm-up, a drop from 4.8) and
    1.195 (the second hump, from 40 % of training). The values are closed
    form in the step, so a resumed run continues exactly.

    Args:
        optimizer (Optimizer | BaseOptimWrapper): The optimiser.
        param_name (str): The scheduled parameter.
        warmup_ratio (float): Share of the span for the warm-up, in [0, 1).
        warmup_start_factor (float): Value at the start of the warm-up, a
            factor of the base value.
        eta_min_ratio (float): Floor of the cosine, a factor of the base.
        restart_interval (float): ``r``, a share of the span after the
            warm-up.
        wave (str): 'full' or 'half'.
        adaptive (bool): Peaks as above; else ``restart_factor ** k``.
        restart_factor (float): Peak factor per restart without
            ``adaptive``.
        begin, end, last_step, by_epoch, verbose: As mmengine's schedulers.
    """

    def __init__(self,
                 optimizer: Union[Optimizer, BaseOptimWrapper],
                 param_name: str,
                 warmup_ratio: float = 0.1,
                 warmup_start_factor: float = 0.125,
                 eta_min_ratio: float = 0.001,
                 restart_interval: float = 0.334,
                 wave: str = 'full',
                 adaptive: bool = True,
                 restart_factor: float = 1.0,
                 begin: int = 0,
                 end: int = INF,
                 last_step: int = -1,
                 by_epoch: bool = True,
                 verbose: bool = False) -> None:
        name = type(self).__name__
        if end == INF:
            raise ValueError(f'{name} spans a known number of steps: leave '
                             '`end` out in a Runner config (it becomes the '
                             'end of training) or set it')
        if not 0 <= warmup_ratio < 1:
            raise ValueError(f'{name}: warmup_ratio={warmup_ratio} must lie '
                             'in [0, 1)')
        if not 0 < restart_interval <= 1:
            raise ValueError(f'{name}: restart_interval={restart_interval} '
                             'must lie in (0, 1]')
        if wave not in WAVES:
            raise ValueError(f'{name}: wave={wave!r} must be one of {WAVES}')
        self.warmup_ratio = warmup_ratio
        self.warmup_start_factor = warmup_start_factor
        self.eta_min_ratio = eta_min_ratio
        self.restart_interval = restart_interval
        self.wave = wave
        self.restarts = self._restart_positions()
        self.peaks = [
            self._peak(k, adaptive, restart_factor)
            for k in range(len(self.restarts))
        ]
        super().__init__(
            optimizer,
            param_name=param_name,
            begin=begin,
            end=end,
            last_step=last_step,
            by_epoch=by_epoch,
            verbose=verbose)

    @classmethod
    def build_iter_from_epoch(cls,
                              *args,
                              begin: int = 0,
                              end: int = INF,
                              by_epoch: bool = True,
                              epoch_length: Optional[int] = None,
                              **kwargs) -> 'CosineWarmRestartParamScheduler':
        """The same schedule in steps, from a span given in epochs."""
        if not by_epoch or not epoch_length:
            raise ValueError(f'{cls.__name__}: converting to steps needs '
                             'by_epoch=True and the epoch length')
        if end != INF:
            end = int(end * epoch_length)
        return cls(
            *args,
            begin=int(begin * epoch_length),
            end=end,
            by_epoch=False,
            **kwargs)

    def _restart_positions(self) -> List[float]:
        r = self.restart_interval
        step = 2 * r if self.wave == 'full' else r
        count = max(math.ceil((1.0 - r) / step), 0)
        return [0.0] + [r + i * step for i in range(count)]

    def _peak(self, index: int, adaptive: bool,
              restart_factor: float) -> float:
        """Peak factor after restart ``index``."""
        if not adaptive:
            return restart_factor**index
        eta = self.eta_min_ratio
        at = self.restarts[index]
        if self.wave == 'full':
            at += self.restart_interval
        return eta + 0.5 * (1 - eta) * (1 + math.cos(math.pi * at))

    def factor(self, fraction: float) -> float:
        """The scheduled value over the base value at ``fraction`` of the
        span."""
        if fraction < self.warmup_ratio:
            start = self.warmup_start_factor
            return start + (1 - start) * fraction / self.warmup_ratio
        w = (fraction - self.warmup_ratio) / (1 - self.warmup_ratio)
        peak = self.peaks[max(bisect.bisect(self.restarts, w) - 1, 0)]
        phase = w / self.restart_interval
        if self.wave == 'half':
            phase = (w % self.restart_interval) / self.restart_interval
        eta = self.eta_min_ratio
        return eta + 0.5 * (peak - eta) * (1 + math.cos(math.pi * phase))

    def _get_value(self) -> List[float]:
        fraction = self.last_step / (self.end - self.begin)
        factor = self.factor(fraction)
        return [base * factor for base in self.base_values]


@PARAM_SCHEDULERS.register_module()
class CosineWarmRestartLR(LRSchedulerMixin, CosineWarmRestartParamScheduler):
    """:class:`CosineWarmRestartParamScheduler` of the learning rate."""
