"""Fixtures shared by the whole test suite."""
import os.path as osp

import pytest

REPO_ROOT = osp.dirname(osp.dirname(osp.abspath(__file__)))
SHARED_DIR = osp.join(osp.dirname(REPO_ROOT), 'shared')


@pytest.fixture(scope='session')
def repo_root() -> str:
    return REPO_ROOT


@pytest.fixture(scope='session')
def potsdam_sample_dir() -> str:
    """The two real Potsdam tiles shipped beside the repository."""
    path = osp.join(SHARED_DIR, 'data', 'potsdam_sample')
    if not osp.isdir(path):
        pytest.skip('the Potsdam sample data is not available')
    return path


@pytest.fixture(scope='session')
def reference_lists_dir() -> str:
    """The GLCNet authors' published lists and jigsaw permutations, as
    released with their code."""
    path = osp.join(SHARED_DIR, 'data', 'reference_lists')
    if not osp.isdir(path):
        pytest.skip('the reference lists are not available')
    return path


@pytest.fixture
def one_thread():
    """One torch intra-op thread for a test: tiny models gain nothing from
    threads, and on a busy machine OpenMP threads spinning against each
    other make them many times slower."""
    import torch
    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(threads)


def _scopes_restored():
    """Run the wrapped code, then restore mmengine's default scopes."""
    from mmengine.registry import DefaultScope
    saved = DefaultScope._instance_dict.copy()
    yield
    DefaultScope._instance_dict.clear()
    DefaultScope._instance_dict.update(saved)


@pytest.fixture(autouse=True)
def isolated_default_scope():
    """Keep tests independent of the default scope others leave behind.

    Every mmengine Runner (and every segmentor built through mmseg's
    helpers) creates a ``DefaultScope`` instance that outlives it, and
    registries build from the most recent one, so a segmentation run would
    otherwise make a later test resolve mmpretrain types in the mmseg
    registry.
    """
    yield from _scopes_restored()


@pytest.fixture(scope='module', autouse=True)
def isolated_module_scope():
    """The same for what module-scoped fixtures build: their scopes end
    with their module."""
    yield from _scopes_restored()


def _run_ranks(worker, *args, world: int = 2, timeout: float = 300.):
    """Run ``worker(rank, port, *args, queue)`` on ``world`` gloo ranks.

    Returns what each rank put on the queue, in rank order (each result's
    first element is its rank). The ranks are spawned, not forked: a fork
    of a process whose OpenMP pool has run can hang in the child, and a
    hung rank would otherwise keep the whole test session from exiting.
    Ranks are daemons and are killed on any failure.
    """
    import multiprocessing as mp
    import queue as queue_lib
    import socket
    import time

    with socket.socket() as s:
        s.bind(('127.0.0.1', 0))
        port = s.getsockname()[1]
    ctx = mp.get_context('spawn')
    results_queue = ctx.Queue()
    procs = [ctx.Process(target=worker, daemon=True,
                         args=(rank, port, *args, results_queue))
             for rank in range(world)]
    try:
        for p in procs:
            p.start()
        results, deadline = [], time.monotonic() + timeout
        while len(results) < world:
            try:
                results.append(results_queue.get(timeout=1))
            except queue_lib.Empty:
                dead = [p.exitcode for p in procs
                        if p.exitcode not in (None, 0)]
                if dead:
                    pytest.fail(f'a rank exited with code {dead[0]}')
                if time.monotonic() > deadline:
                    pytest.fail(f'the ranks gave no result in {timeout} s')
        for p in procs:
            p.join(timeout=60)
            assert p.exitcode == 0, f'rank exit code {p.exitcode}'
        return sorted(results, key=lambda r: r[0])
    finally:
        for p in procs:
            if p.is_alive():
                p.kill()
                p.join()


@pytest.fixture
def run_ranks():
    """:func:`_run_ranks`: gloo ranks that can neither hang nor linger."""
    return _run_ranks


def pytest_sessionfinish(session, exitstatus):
    """No child process outlives the session (the interpreter would wait
    for it at exit)."""
    import multiprocessing as mp
    for child in mp.active_children():
        child.kill()
        child.join(timeout=10)


@pytest.fixture
def gloo_group(tmp_path, monkeypatch):
    """A one-process gloo group, as torchrun starts on the CPU.

    At teardown, whatever still holds the group (a DDP wrapper, a Runner in
    a reference cycle) is collected before the group is destroyed: a DDP
    reducer freed after its group was destroyed can hang in the gloo
    destructor.
    """
    import gc

    import torch.distributed as dist
    for key, value in dict(RANK='0', LOCAL_RANK='0', WORLD_SIZE='1').items():
        monkeypatch.setenv(key, value)
    dist.init_process_group('gloo', init_method=f'file://{tmp_path}/group',
                            rank=0, world_size=1)
    yield
    gc.collect()
    dist.destroy_process_group()
