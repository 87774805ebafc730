"""Progress lines of a study: stage i/n, elapsed time and an estimate of
the time left, safe to call from stages that run side by side."""
import threading
import time
from collections import OrderedDict
from typing import Dict, Optional


def _minutes(seconds: float) -> str:
    return f'{seconds / 60:.1f} min'


class Progress:
    """Counts stages as they start and finish.

    The estimate of the time left is the wall time per finished stage so
    far times the stages not finished yet; stages differ in length, so it
    is rough until a few of each kind have finished.
    """

    def __init__(self, total: int, clock=time.time) -> None:
        self.total = total
        self.clock = clock
        self.start = clock()
        self.started = 0
        self.finished = 0
        self.seconds: Dict[str, float] = OrderedDict()
        self._begun: Dict[str, float] = {}
        self._lock = threading.Lock()

    def eta(self) -> Optional[float]:
        """Seconds left, or None before the first stage has finished."""
        if self.finished == 0:
            return None
        per_stage = (self.clock() - self.start) / self.finished
        return per_stage * (self.total - self.finished)

    def _status(self) -> str:
        elapsed = _minutes(self.clock() - self.start)
        eta = self.eta()
        left = '' if eta is None else f', about {_minutes(eta)} left'
        return f'{elapsed} elapsed{left}'

    def begin(self, title: str) -> None:
        with self._lock:
            self.started += 1
            self._begun[title] = self.clock()
            print(f'\n==> [{self.started}/{self.total}] {title} '
                  f'({self._status()})', flush=True)

    def end(self, title: str, skipped: bool = False) -> None:
        with self._lock:
            self.finished += 1
            self.seconds[title] = self.clock() - self._begun.pop(title)
            how = 'found in the work dir' if skipped else \
                f'done in {self.seconds[title]:.0f} s'
            print(f'==> {title}: {how} [{self.finished}/{self.total} '
                  f'finished, {self._status()}]', flush=True)

    def done(self) -> float:
        """Print the total and return it in seconds."""
        total = self.clock() - self.start
        print(f'\n==> study finished in {_minutes(total)}', flush=True)
        return total
