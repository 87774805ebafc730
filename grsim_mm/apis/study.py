"""Building blocks of pretrain -> fine-tune -> test studies.

Every stage runs ``tools/train.py`` or ``tools/test.py`` in a subprocess, so
a study takes exactly the code path a user's command takes, each stage
starts with fresh registries, loggers and visualizers, and a crash names the
command to rerun. The helpers here then read what the Runner wrote (best
checkpoint, test metrics, ``vis_data/scalars.json``) and turn it into
tables and figures.
"""
import glob
import json
import os
import os.path as osp
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any, Dict, List, Mapping, Optional, Sequence

import numpy as np

REPO_ROOT = osp.dirname(osp.dirname(osp.dirname(osp.abspath(__file__))))
TOOLS_DIR = osp.join(REPO_ROOT, 'tools')

#: Metrics of the GLCNet paper's tables, in their order.
PAPER_METRICS = ('OA', 'Kappa', 'mIoU')


def slug(name: str) -> str:
    """A file-name friendly form of a method name ('random init')."""
    return '_'.join(name.split()).replace('/', '-')


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


def run_tool(tool: str,
             args: Sequence[str],
             name: str,
             log_file: Optional[str] = None,
             threads: Optional[int] = None) -> None:
    """Run ``tools/<tool>`` and stream its output prefixed by ``[name]``.

    ``threads`` caps the tool's intra-op CPU threads, so that stages run in
    parallel do not oversubscribe the cores.

    Raises:
        RuntimeError: if the tool fails; the message holds the command.
    """
    cmd = [sys.executable, osp.join(TOOLS_DIR, tool), *args]
    env = dict(os.environ, PYTHONUNBUFFERED='1')
    if threads is not None:
        env.update(OMP_NUM_THREADS=str(threads), MKL_NUM_THREADS=str(threads))
    start = time.time()
    print(f'[{name}] $ {" ".join(cmd)}', flush=True)
    log = open(log_file, 'w', encoding='utf-8') if log_file else None
    with subprocess.Popen(
            cmd,
            cwd=REPO_ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            bufsize=1) as proc:
        for line in proc.stdout:
            print(f'[{name}] {line}', end='', flush=True)
            if log:
                log.write(line)
    if log:
        log.close()
    if proc.returncode != 0:
        raise RuntimeError(f'[{name}] failed with exit code '
                           f'{proc.returncode}: {" ".join(cmd)}')
    print(f'[{name}] done in {time.time() - start:.0f} s', flush=True)


def train(config: str,
          work_dir: str,
          cfg_options: Optional[Mapping[str, Any]] = None,
          name: str = 'train',
          threads: Optional[int] = None) -> str:
    """Train ``config`` into ``work_dir``; return ``work_dir``."""
    os.makedirs(work_dir, exist_ok=True)
    run_tool('train.py',
             [config, '--work-dir', work_dir,
              *cfg_options_to_args(cfg_options)], name,
             osp.join(work_dir, 'stdout.log'), threads)
    return work_dir


def test(config: str,
         checkpoint: str,
         work_dir: str,
         cfg_options: Optional[Mapping[str, Any]] = None,
         name: str = 'test',
         threads: Optional[int] = None) -> Dict[str, float]:
    """Evaluate ``checkpoint`` on the config's test split; return metrics."""
    os.makedirs(work_dir, exist_ok=True)
    run_tool('test.py',
             [config, checkpoint, '--work-dir', work_dir,
              *cfg_options_to_args(cfg_options)], name,
             osp.join(work_dir, 'stdout.log'), threads)
    return read_test_metrics(work_dir)


def _latest_run_dir(work_dir: str) -> str:
    """The newest ``<timestamp>/`` log directory the Runner created."""
    runs = sorted(d for d in glob.glob(osp.join(work_dir, '*_*'))
                  if osp.isdir(d) and osp.basename(d)[:8].isdigit())
    if not runs:
        raise FileNotFoundError(f'no Runner log directory in {work_dir}')
    return runs[-1]


def read_test_metrics(work_dir: str) -> Dict[str, float]:
    """Metrics the LoggerHook dumped as ``<timestamp>.json`` after testing."""
    run = _latest_run_dir(work_dir)
    path = osp.join(run, osp.basename(run) + '.json')
    with open(path, encoding='utf-8') as f:
        return json.load(f)


def read_scalars(work_dir: str) -> List[Dict[str, Any]]:
    """Records of ``vis_data/scalars.json`` from the latest run."""
    path = osp.join(_latest_run_dir(work_dir), 'vis_data', 'scalars.json')
    with open(path, encoding='utf-8') as f:
        return [json.loads(line) for line in f if line.strip()]


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


def format_results(results: Mapping[str, Mapping[str, float]],
                   metrics: Sequence[str] = PAPER_METRICS) -> str:
    """A markdown table, one row per method, one column per metric."""
    lines = ['| method | ' + ' | '.join(metrics) + ' |',
             '|---|' + '---:|' * len(metrics)]
    for method, values in results.items():
        cells = [f'{values[m]:.2f}' if m in values else '-' for m in metrics]
        lines.append(f'| {method} | ' + ' | '.join(cells) + ' |')
    return '\n'.join(lines)


def _epoch_means(records: List[Dict[str, Any]], key: str) -> tuple:
    """Per-epoch means of a training scalar (for iteration logs)."""
    by_epoch: Dict[int, List[float]] = {}
    for rec in records:
        if key in rec and 'epoch' in rec:
            by_epoch.setdefault(rec['epoch'], []).append(rec[key])
    epochs = sorted(by_epoch)
    return epochs, [float(np.mean(by_epoch[e])) for e in epochs]


def plot_curves(runs: Mapping[str, str],
                out_file: str,
                keys: Sequence[str] = ('loss', ),
                title: str = '') -> None:
    """Plot per-epoch means of training scalars of several runs."""
    import matplotlib
    matplotlib.use('Agg')
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(1, len(keys), figsize=(5 * len(keys), 3.5),
                             squeeze=False)
    for ax, key in zip(axes[0], keys):
        for label, work_dir in runs.items():
            records = read_scalars(work_dir)
            if any('epoch' in r for r in records if key in r):
                x, y = _epoch_means(records, key)
            else:
                # Validation records: one per epoch, 'step' is the epoch.
                x = [r['step'] for r in records if key in r]
                y = [r[key] for r in records if key in r]
            ax.plot(x, y, marker='.', label=label)
        ax.set_xlabel('epoch')
        ax.set_ylabel(key)
        ax.grid(alpha=0.3)
        ax.legend()
    if title:
        fig.suptitle(title)
    fig.tight_layout()
    fig.savefig(out_file, dpi=120)
    plt.close(fig)


def _display_rgb(img: np.ndarray, bands: Sequence[int]) -> np.ndarray:
    """uint8 RGB of an HWC image of any dtype (2-98 % stretch if needed)."""
    rgb = img[..., list(bands)]
    if rgb.dtype == np.uint8:
        return np.ascontiguousarray(rgb)
    lo, hi = np.percentile(rgb, (2, 98))
    rgb = np.clip((rgb.astype(np.float32) - lo) / max(hi - lo, 1e-6), 0, 1)
    return (rgb * 255).astype(np.uint8)


def plot_predictions(config: str,
                     checkpoints: Mapping[str, str],
                     out_file: str,
                     cfg_options: Optional[Mapping[str, Any]] = None,
                     num_tiles: int = 4,
                     rgb_bands: Sequence[int] = (0, 1, 2)) -> None:
    """Overlay the predictions of several models on a few test tiles.

    One row per tile: the image, the label and every model's prediction,
    painted with mmseg's :class:`SegLocalVisualizer` in the dataset palette.
    """
    import matplotlib
    matplotlib.use('Agg')
    import matplotlib.pyplot as plt
    import torch
    from mmengine.config import Config
    from mmengine.dataset import pseudo_collate
    from mmengine.registry import DefaultScope
    from mmengine.structures import PixelData
    from mmseg.apis import init_model
    from mmseg.registry import DATASETS
    from mmseg.structures import SegDataSample
    from mmseg.visualization import SegLocalVisualizer

    cfg = Config.fromfile(config)
    if cfg_options:
        cfg.merge_from_dict(dict(cfg_options))
    with DefaultScope.overwrite_default_scope(cfg.get('default_scope',
                                                      'mmseg')):
        dataset = DATASETS.build(cfg.test_dataloader.dataset)
    indices = np.linspace(0, len(dataset) - 1, num_tiles).astype(int)
    samples = [dataset[int(i)] for i in indices]

    visualizer = SegLocalVisualizer(
        name=f'predictions_{time.time_ns()}', alpha=0.6)
    visualizer.set_dataset_meta(dataset.metainfo['classes'],
                                dataset.metainfo['palette'])

    def paint(rgb: np.ndarray, label: torch.Tensor, as_gt: bool):
        sample = SegDataSample()
        if as_gt:
            sample.gt_sem_seg = PixelData(data=label)
        else:
            sample.pred_sem_seg = PixelData(data=label)
        visualizer.add_datasample(
            'tile', rgb, sample, draw_gt=as_gt, draw_pred=not as_gt,
            with_labels=False)
        return visualizer.get_image()

    columns: Dict[str, List[np.ndarray]] = {'image': [], 'label': []}
    rgbs = []
    for sample in samples:
        img = sample['inputs'].permute(1, 2, 0).numpy()
        rgb = _display_rgb(img, rgb_bands)
        rgbs.append(rgb)
        columns['image'].append(rgb)
        columns['label'].append(
            paint(rgb, sample['data_samples'].gt_sem_seg.data, True))
    for method, ckpt in checkpoints.items():
        model = init_model(cfg, ckpt, device='cpu')
        model.eval()
        preds = []
        with torch.no_grad():
            for sample, rgb in zip(samples, rgbs):
                out = model.test_step(pseudo_collate([sample]))[0]
                preds.append(paint(rgb, out.pred_sem_seg.data.cpu(), False))
        columns[method] = preds

    fig, axes = plt.subplots(
        len(samples), len(columns),
        figsize=(2.4 * len(columns), 2.4 * len(samples)), squeeze=False)
    for col, (title, images) in enumerate(columns.items()):
        for row, image in enumerate(images):
            axes[row, col].imshow(image)
            axes[row, col].axis('off')
        axes[0, col].set_title(title, fontsize=9)
    fig.tight_layout()
    fig.savefig(out_file, dpi=120)
    plt.close(fig)


@dataclass
class Protocol:
    """A pretrain -> fine-tune -> test comparison on one dataset.

    Args:
        name: Short name, e.g. the dataset preset.
        description: The protocol in words, printed with the results.
        pretrain: Pretraining config.
        finetune: Method name -> fine-tuning config, in table order.
        from_pretrain: Methods whose config initialises from the pretraining
            checkpoint (``model.init_cfg.checkpoint`` is set for them).
        pretrain_checkpoint: Pattern of the pretraining checkpoint to use.
    """
    name: str
    description: str
    pretrain: str
    finetune: Dict[str, str]
    from_pretrain: Sequence[str]
    pretrain_checkpoint: str = 'best_loss_*.pth'


def data_root_options(data_root: Optional[str],
                      loaders: Sequence[str]) -> Dict[str, str]:
    """cfg-options that point the given dataloaders at ``data_root``."""
    if data_root is None:
        return {}
    root = osp.abspath(data_root)
    return {f'{loader}.dataset.data_root': root for loader in loaders}


SEG_LOADERS = ('train_dataloader', 'val_dataloader', 'test_dataloader')


def run_protocol(protocol: Protocol,
                 work_dir: str,
                 data_root: Optional[str] = None,
                 pretrain_options: Optional[Mapping[str, Any]] = None,
                 finetune_options: Optional[Mapping[str, Any]] = None,
                 pretrain_checkpoint: Optional[str] = None,
                 jobs: int = 1) -> Dict[str, Any]:
    """Pretrain once, fine-tune and test every method; return the record.

    Stages write into ``work_dir/{pretrain,finetune_<m>,test_<m>}`` (``m``
    the :func:`slug` of the method name). Give
    ``pretrain_checkpoint`` to skip pretraining (e.g. to reuse one run for
    several label fractions or seeds). ``jobs`` > 1 fine-tunes (and tests)
    that many methods at once, splitting the CPU threads between them,
    which on a small CPU is faster than one multi-threaded run after the
    other.

    Returns:
        dict with ``metrics`` (method -> test metrics), ``checkpoints``
        (method -> selected fine-tuned checkpoint), ``pretrain_checkpoint``,
        ``work_dirs`` (stage -> directory) and ``seconds`` (stage -> time).
    """
    record: Dict[str, Any] = dict(
        metrics={}, checkpoints={}, work_dirs={}, seconds={})
    threads = max(1, (os.cpu_count() or 1) // jobs) if jobs > 1 else None
    seg_options = dict(data_root_options(data_root, SEG_LOADERS),
                       **(finetune_options or {}))

    print('\n==> pretrain: ' + osp.basename(protocol.pretrain), flush=True)
    start = time.time()
    if pretrain_checkpoint is None:
        pre_dir = osp.join(work_dir, 'pretrain')
        options = dict(
            data_root_options(data_root, ['train_dataloader']),
            **(pretrain_options or {}))
        train(protocol.pretrain, pre_dir, options, name='pretrain')
        pretrain_checkpoint = find_checkpoint(pre_dir,
                                              protocol.pretrain_checkpoint)
        record['work_dirs']['pretrain'] = pre_dir
    else:
        print(f'using {pretrain_checkpoint}', flush=True)
        pre_dir = osp.dirname(osp.abspath(pretrain_checkpoint))
        if glob.glob(osp.join(pre_dir, '*_*', 'vis_data', 'scalars.json')):
            record['work_dirs']['pretrain'] = pre_dir  # for the loss curve
    record['pretrain_checkpoint'] = pretrain_checkpoint
    record['seconds']['pretrain'] = time.time() - start

    def finetune_one(method: str) -> None:
        config = protocol.finetune[method]
        print(f'\n==> fine-tune "{method}": {osp.basename(config)}',
              flush=True)
        start = time.time()
        options = dict(seg_options)
        if method in protocol.from_pretrain:
            options['model.init_cfg.checkpoint'] = pretrain_checkpoint
        ft_dir = osp.join(work_dir, f'finetune_{slug(method)}')
        train(config, ft_dir, options, f'finetune {method}', threads)
        record['checkpoints'][method] = find_checkpoint(ft_dir)
        record['work_dirs'][f'finetune_{method}'] = ft_dir
        record['seconds'][f'finetune_{method}'] = time.time() - start

    def test_one(method: str) -> None:
        print(f'\n==> test "{method}" on the test split', flush=True)
        start = time.time()
        test_dir = osp.join(work_dir, f'test_{slug(method)}')
        record['metrics'][method] = test(
            protocol.finetune[method], record['checkpoints'][method],
            test_dir, seg_options, f'test {method}', threads)
        record['work_dirs'][f'test_{method}'] = test_dir
        record['seconds'][f'test_{method}'] = time.time() - start

    with ThreadPoolExecutor(max_workers=jobs) as pool:
        # list() re-raises the first failure.
        list(pool.map(finetune_one, protocol.finetune))
        list(pool.map(test_one, protocol.finetune))
    # Keep the table in the protocol's order, whatever finished first.
    record['metrics'] = {m: record['metrics'][m] for m in protocol.finetune}
    return record


def write_report(protocol: Protocol,
                 record: Mapping[str, Any],
                 out_dir: str,
                 metrics: Sequence[str] = PAPER_METRICS,
                 extra_figures: Sequence[str] = (),
                 conclusion: str = '') -> str:
    """Write ``results.md``/``results.json`` and curves; return the table.

    ``extra_figures`` are PNG names in ``out_dir`` linked from the report,
    ``conclusion`` a sentence printed under the table.
    """
    table = format_results(record['metrics'], metrics)
    finetunes = {m: record['work_dirs'][f'finetune_{m}']
                 for m in protocol.finetune}
    figures = []
    if 'pretrain' in record['work_dirs']:
        plot_curves({'GLCNet': record['work_dirs']['pretrain']},
                    osp.join(out_dir, 'pretrain_loss.png'), ('loss', ),
                    'pretraining loss')
        figures.append('pretrain_loss.png')
    plot_curves(finetunes, osp.join(out_dir, 'finetune_loss.png'),
                ('loss', ), 'fine-tuning loss (epoch mean)')
    plot_curves(finetunes, osp.join(out_dir, 'val_metrics.png'),
                ('mIoU', 'Kappa', 'OA'), 'model-selection split, per epoch')
    figures += ['finetune_loss.png', 'val_metrics.png', *extra_figures]

    lines = [f'# {protocol.name}: results', '', protocol.description, '',
             'Test metrics (percent, Kappa x100):', '', table, '']
    if conclusion:
        lines += [conclusion, '']
    others = sorted({k for m in record['metrics'].values() for k in m
                     if k not in metrics and isinstance(m[k], float)
                     and not k.endswith('time')})
    if others:
        lines += ['All test metrics:', '',
                  format_results(record['metrics'], others), '']
    lines += ['Stage times (s): ' + ', '.join(
        f'{k} {v:.0f}' for k, v in record['seconds'].items()), '']
    lines += ['Pretraining checkpoint: `%s`' % record['pretrain_checkpoint'],
              '']
    lines += [f'![{name}]({name})' for name in figures]
    with open(osp.join(out_dir, 'results.md'), 'w', encoding='utf-8') as f:
        f.write('\n'.join(lines) + '\n')
    with open(osp.join(out_dir, 'results.json'), 'w', encoding='utf-8') as f:
        json.dump(dict(record), f, indent=2)
    return table
