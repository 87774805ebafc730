"""Read what an mmengine Runner wrote: checkpoints, test metrics, scalars."""
import glob
import json
import os.path as osp
from typing import Any, Dict, List


def latest_run_dir(work_dir: str) -> str:
    """The newest ``<timestamp>/`` log directory the Runner created."""
    runs = sorted(d for d in glob.glob(osp.join(work_dir, '*_*'))
                  if osp.isdir(d) and osp.basename(d)[:8].isdigit())
    if not runs:
        raise FileNotFoundError(f'no Runner log directory in {work_dir}')
    return runs[-1]


def read_test_metrics(work_dir: str) -> Dict[str, float]:
    """Metrics the LoggerHook dumped as ``<timestamp>.json`` after testing."""
    run = latest_run_dir(work_dir)
    path = osp.join(run, osp.basename(run) + '.json')
    with open(path, encoding='utf-8') as f:
        return json.load(f)


def scalars_path(path: str) -> str:
    """The ``scalars.json`` of a ``scalars.json`` path, a run directory
    (``work_dir/<timestamp>/``) or a work dir (its latest run)."""
    if osp.isfile(path):
        return path
    run_file = osp.join(path, 'vis_data', 'scalars.json')
    if osp.isfile(run_file):
        return run_file
    if not osp.isdir(path):
        raise FileNotFoundError(f'{path}: no such file or directory')
    return osp.join(latest_run_dir(path), 'vis_data', 'scalars.json')


def read_scalars(path: str) -> List[Dict[str, Any]]:
    """Records of ``vis_data/scalars.json`` of a run: ``path`` is a work
    dir (its latest run), a run directory or the file itself."""
    path = scalars_path(path)
    if not osp.isfile(path):
        raise FileNotFoundError(
            f'{path} not found: the run logged no scalars (a test run does '
            'not); name the run directory work_dir/<timestamp> of a '
            'training run')
    with open(path, encoding='utf-8') as f:
        return [json.loads(line) for line in f if line.strip()]


def has_scalars(work_dir: str) -> bool:
    """Whether ``work_dir`` holds a run with training scalars."""
    return bool(glob.glob(osp.join(work_dir, '*_*', 'vis_data',
                                   'scalars.json')))


def find_checkpoint(work_dir: str, pattern: str = 'best_*.pth') -> str:
    """Newest checkpoint matching ``pattern``, else the last one saved."""
    found = sorted(glob.glob(osp.join(work_dir, pattern)), key=osp.getmtime)
    if found:
        return found[-1]
    last = osp.join(work_dir, 'last_checkpoint')
    if osp.isfile(last):
        with open(last, encoding='utf-8') as f:
            return f.read().strip()
    raise FileNotFoundError(f'no checkpoint in {work_dir}')
