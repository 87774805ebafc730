"""Run the training and test entry points as subprocesses.

Each stage is ``python -m grsim_mm.cli.train`` (or ``.test``) in a fresh
interpreter: the stage takes exactly the code path of a user's command,
starts with clean registries, loggers and visualizers, and a crash names
its log file and the command to rerun. The child imports the same
``grsim_mm`` as this process, wherever that was imported from, so no path
to a checkout is needed.
"""
import os
import os.path as osp
import subprocess
import sys
import time
from typing import Any, Dict, List, Mapping, Optional, Sequence

import grsim_mm
from .outputs import read_test_metrics

#: Entry point name -> module run with ``python -m``.
ENTRY_POINTS = {'train': 'grsim_mm.cli.train', 'test': 'grsim_mm.cli.test'}


class StageError(RuntimeError):
    """A stage's subprocess failed; the message names its log file."""


def cfg_options_to_args(options: Optional[Mapping[str, Any]]) -> List[str]:
    """``--cfg-options`` arguments for mmengine's ``DictAction``."""
    if not options:
        return []

    def fmt(value: Any) -> str:
        if isinstance(value, (list, tuple)):
            items = ','.join(fmt(v) for v in value)
            return f'[{items}]' if isinstance(value, list) else f'({items})'
        return str(value)

    return ['--cfg-options'] + [f'{k}={fmt(v)}' for k, v in options.items()]


def entry_point_command(entry: str, args: Sequence[str]) -> List[str]:
    """``[python, -m, module, *args]`` of an entry point."""
    if entry not in ENTRY_POINTS:
        raise KeyError(f'unknown entry point {entry!r}; use one of '
                       f'{sorted(ENTRY_POINTS)}')
    return [sys.executable, '-m', ENTRY_POINTS[entry], *args]


def _child_env(threads: Optional[int]) -> Dict[str, str]:
    """This process's environment, with this ``grsim_mm`` importable and
    the intra-op threads capped when ``threads`` is given."""
    env = dict(os.environ, PYTHONUNBUFFERED='1')
    package_parent = osp.dirname(osp.dirname(osp.abspath(grsim_mm.__file__)))
    paths = [package_parent] + [
        p for p in env.get('PYTHONPATH', '').split(os.pathsep) if p]
    env['PYTHONPATH'] = os.pathsep.join(dict.fromkeys(paths))
    if threads is not None:
        env.update(OMP_NUM_THREADS=str(threads), MKL_NUM_THREADS=str(threads))
    return env


def _wait_with_usage(proc: subprocess.Popen) -> Optional[float]:
    """Reap ``proc``, set its return code, and return the CPU seconds (user
    + system) it and the processes it waited for (data workers) used;
    None where ``os.wait4`` does not exist."""
    if not hasattr(os, 'wait4'):
        proc.wait()
        return None
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    return usage.ru_utime + usage.ru_stime


def run_entry_point(entry: str,
                    args: Sequence[str],
                    name: str,
                    log_file: str,
                    cwd: Optional[str] = None,
                    threads: Optional[int] = None,
                    echo: bool = True) -> float:
    """Run an entry point, stream its output prefixed by ``[name]`` and
    keep it in ``log_file``; return the seconds it took. Its wall time and
    CPU time close the log (CPU time over wall time tells how busy the
    machine was: a stage alone on idle cores uses about its thread count).

    Args:
        entry: ``'train'`` or ``'test'``.
        args: Its command-line arguments.
        name: Prefix of the streamed lines.
        log_file: Where the stage's output is written.
        cwd: Directory relative paths of the arguments and configs resolve
            against (default: the current one).
        threads: Cap on the stage's intra-op CPU threads, so that stages
            run side by side do not oversubscribe the cores.
        echo: Stream the output to stdout as well.

    Raises:
        StageError: if the subprocess fails; the message names the log file
            and the command.
    """
    cmd = entry_point_command(entry, args)
    start = time.time()
    os.makedirs(osp.dirname(osp.abspath(log_file)), exist_ok=True)
    if echo:
        print(f'[{name}] $ {" ".join(cmd)}', flush=True)
    with open(log_file, 'w', encoding='utf-8') as log, subprocess.Popen(
            cmd,
            cwd=cwd,
            env=_child_env(threads),
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            bufsize=1) as proc:
        for line in proc.stdout:
            log.write(line)
            if echo:
                print(f'[{name}] {line}', end='', flush=True)
        cpu = _wait_with_usage(proc)
        wall = time.time() - start
        usage = f'[{name}] wall {wall:.1f} s' + (
            f', CPU {cpu:.1f} s' if cpu is not None else '')
        log.write(usage + '\n')
        if echo:
            print(usage, flush=True)
    if proc.returncode != 0:
        raise StageError(
            f'stage "{name}" failed with exit code {proc.returncode}; its '
            f'log: {osp.abspath(log_file)}\n  command (run in '
            f'{osp.abspath(cwd or os.curdir)}): {" ".join(cmd)}')
    return wall


def _in(cwd: Optional[str], path: str) -> str:
    """``path`` as the stage started in ``cwd`` sees it, made absolute."""
    return osp.abspath(osp.join(cwd or os.curdir, path))


def train(config: str,
          work_dir: str,
          cfg_options: Optional[Mapping[str, Any]] = None,
          name: str = 'train',
          threads: Optional[int] = None,
          cwd: Optional[str] = None,
          extra_args: Sequence[str] = ()) -> str:
    """Train ``config`` into ``work_dir`` (log in ``stdout.log`` there);
    return ``work_dir`` as an absolute path. Relative paths resolve against
    ``cwd``; ``extra_args`` go to the entry point as they are, e.g.
    ``['--auto-scale-lr']``."""
    work_dir = _in(cwd, work_dir)
    os.makedirs(work_dir, exist_ok=True)
    run_entry_point(
        'train',
        [config, '--work-dir', work_dir, *extra_args,
         *cfg_options_to_args(cfg_options)], name,
        osp.join(work_dir, 'stdout.log'), cwd, threads)
    return work_dir


def test(config: str,
         checkpoint: str,
         work_dir: str,
         cfg_options: Optional[Mapping[str, Any]] = None,
         name: str = 'test',
         threads: Optional[int] = None,
         cwd: Optional[str] = None,
         extra_args: Sequence[str] = ()) -> Dict[str, float]:
    """Evaluate ``checkpoint`` on the config's test split; return the
    metrics the Runner logged. ``extra_args`` as for :func:`train`, e.g.
    ``['--dataset', SETTING]``."""
    work_dir = _in(cwd, work_dir)
    os.makedirs(work_dir, exist_ok=True)
    run_entry_point(
        'test',
        [config, checkpoint, '--work-dir', work_dir, *extra_args,
         *cfg_options_to_args(cfg_options)], name,
        osp.join(work_dir, 'stdout.log'), cwd, threads)
    return read_test_metrics(work_dir)
