"""Run a study's stages side by side."""
import os
from concurrent.futures import ThreadPoolExecutor, as_completed
from typing import Any, Callable, List, Sequence


def available_cpus() -> int:
    """CPUs this process may run on (its affinity mask, which containers
    and ``taskset`` restrict), not the machine's count."""
    if hasattr(os, 'sched_getaffinity'):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def run_parallel(fn: Callable[[Any], Any], items: Sequence[Any],
                 jobs: int) -> List[Any]:
    """``[fn(item) for item in items]`` on ``jobs`` threads; the first
    failure cancels what has not started and is raised once the running
    calls have finished."""
    if jobs <= 1:
        return [fn(item) for item in items]
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        futures = [pool.submit(fn, item) for item in items]
        try:
            for future in as_completed(futures):
                future.result()
        except BaseException:
            for future in futures:
                future.cancel()
            raise
    return [future.result() for future in futures]
