"""The study engine: pretrain -> fine-tune -> test over methods x datasets x
amounts of labels x seeds.

Every stage is a training or test entry point in a subprocess
(:mod:`.launch`), started in the current directory, so relative config
paths, data roots and the paths inside configs resolve as they do for the
user's own ``tools/train.py`` commands. The engine only plans the stages,
passes checkpoints from one stage to the next, reads the metrics back and
keeps the records in table order.
"""
import json
import os
import os.path as osp
from dataclasses import dataclass, field
from typing import (Any, Callable, Dict, Iterable, List, Optional, Sequence,
                    Tuple)

from .availability import unavailable_rows
from .demo_data import ensure_demo_data
from .launch import test, train
from .outputs import find_checkpoint
from .parallel import available_cpus, run_parallel
from .progress import Progress
from .table import ROW_KEYS, slug
from .tasks import SEGMENTATION, Labels, Task, labels_text

#: Name of the row fine-tuned from random weights.
RANDOM_INIT = 'random init'
#: File in a stage's work dir noting that the stage finished, and its
#: result (checkpoint or metrics), for ``resume``.
STAGE_NOTE = 'study_stage.json'


def method_name(config: str) -> str:
    """Method name of a pretraining config: its name up to the first '_'."""
    return osp.basename(config).split('_')[0]


def data_root_options(data_root: Optional[str],
                      loaders: Sequence[str]) -> Dict[str, str]:
    """cfg-options that point the given dataloaders at ``data_root``."""
    if data_root is None:
        return {}
    root = osp.abspath(data_root)
    return {f'{loader}.dataset.data_root': root for loader in loaders}


@dataclass
class Study:
    """A grid of rows (methods) x datasets x amounts of labels x seeds.

    A row is a pretraining method, whose checkpoint initialises its
    fine-tuning (``model.init_cfg.checkpoint``), a row with a fine-tuning
    config of its own and no pretraining (initialised as that config
    says), or the random-init row (``model.init_cfg=None``). Each amount
    of labels selects the task's training split, each seed sets
    ``randomness.seed`` (and the task's seed options, e.g. the scene lists
    of that seed). Each dataset of ``datasets`` runs the fine-tuning config
    on that dataset setting (``--dataset``); without ``datasets`` the
    config's own dataset is used.

    Args:
        pretrain_configs: Method name -> pretraining config, in table order.
        finetune_config: The fine-tuning config of every row without one
            in ``finetune_configs``.
        fractions: Amounts of labels (keys of ``task.label_splits``).
        datasets: Name -> labelled dataset setting the fine-tuning configs
            run on, in table order; empty for the configs' own.
        seeds: Seeds of the fine-tuning (and pretraining) runs.
        with_random_init: Add the random-init row.
        data_root: Dataset root passed to every stage (default: the
            configs').
        pretrain_options: Extra cfg-options of every pretraining run.
        row_pretrain_options: Method -> extra cfg-options of its
            pretraining (e.g. a fraction of the unlabelled data).
        finetune_options: Extra cfg-options of every fine-tuning/test run.
        pretrain_checkpoint: Pattern of the pretraining checkpoint to keep.
        finetune_configs: Row -> its own fine-tuning config. A row named
            here and not in ``pretrain_configs`` is a row of its own.
        pretrained: Method -> an existing pretraining checkpoint; its
            pretraining is skipped.
        pretrain_once: Pretrain with the first seed only and fine-tune
            every seed from that checkpoint.
        jobs: Fine-tune and test this many runs at once, splitting the CPU
            threads between them (pretraining runs one at a time with all
            of them).
        task: The task line (metrics, loaders, label splits).
        name: Title of the report.
        description: The protocol in words, printed with the results.
        compare: Two rows whose difference gets a verdict in the report.
        verdict_metric: The metric of that verdict.
        predictions: Draw the rows' predictions on a few test tiles.
        make_demo_data: Generate the task's demo dataset at ``data_root``
            when it is missing.
        demo_data: Further ``(kind, root)`` demo datasets to generate when
            missing (see :mod:`.demo_data`).
    """
    pretrain_configs: Dict[str, str]
    finetune_config: str
    fractions: Sequence[Labels] = (1, )
    datasets: Dict[str, str] = field(default_factory=dict)
    seeds: Sequence[int] = (0, )
    with_random_init: bool = True
    data_root: Optional[str] = None
    pretrain_options: Dict[str, Any] = field(default_factory=dict)
    row_pretrain_options: Dict[str, Dict[str, Any]] = field(
        default_factory=dict)
    finetune_options: Dict[str, Any] = field(default_factory=dict)
    pretrain_checkpoint: str = 'best_loss_*.pth'
    finetune_configs: Dict[str, str] = field(default_factory=dict)
    pretrained: Dict[str, str] = field(default_factory=dict)
    pretrain_once: bool = False
    jobs: int = 1
    task: Task = SEGMENTATION
    name: str = 'Pretraining methods compared'
    description: str = ''
    compare: Optional[Tuple[str, str]] = None
    verdict_metric: str = 'Kappa'
    predictions: bool = False
    make_demo_data: bool = False
    demo_data: Sequence[Tuple[str, str]] = ()

    def __post_init__(self) -> None:
        # rows of their own left out by skip_unavailable_rows: row -> why
        self.skipped: Dict[str, str] = {}
        for fraction in self.fractions:
            self.task.split_of(fraction)
        if not self.seeds:
            raise ValueError('a study needs at least one seed')
        if self.jobs < 1:
            raise ValueError(f'jobs must be at least 1, got {self.jobs}')
        for what, names in (('pretrained checkpoints', self.pretrained),
                            ('pretraining options',
                             self.row_pretrain_options)):
            unknown = [m for m in names if m not in self.pretrain_configs]
            if unknown:
                raise ValueError(f'{what} of {unknown}, which are not '
                                 'pretraining methods of the study '
                                 f'({list(self.pretrain_configs)})')
        if self.data_root is not None and len(self.datasets) > 1:
            raise ValueError('one data_root for several datasets: each '
                             'dataset setting names its own data root')
        if self.compare is not None:
            missing = [m for m in self.compare if m not in self.methods]
            if missing:
                raise ValueError(f'cannot compare {missing}: the rows are '
                                 f'{self.methods}')

    @property
    def methods(self) -> List[str]:
        """Row names in table order."""
        names = list(self.pretrain_configs)
        names += [m for m in self.finetune_configs
                  if m not in names and m != RANDOM_INIT
                  and m not in self.skipped]
        return names + [RANDOM_INIT] if self.with_random_init else names

    @property
    def row_keys(self) -> Tuple[str, ...]:
        """Record keys of a table row."""
        return ('method', 'dataset', 'fraction') if self.datasets \
            else ROW_KEYS

    @property
    def dataset_names(self) -> List[Optional[str]]:
        return list(self.datasets) or [None]

    @property
    def pretrain_seeds(self) -> List[int]:
        return list(self.seeds[:1] if self.pretrain_once else self.seeds)

    def finetune_config_of(self, method: str) -> str:
        return self.finetune_configs.get(method, self.finetune_config)

    def num_stages(self) -> int:
        pretrain = len(self.pretrain_seeds) * len(
            [m for m in self.pretrain_configs if m not in self.pretrained])
        runs = len(self.seeds) * len(self.fractions) * len(
            self.methods) * len(self.dataset_names)
        return pretrain + 2 * runs

    def inputs(self) -> Iterable[Tuple[str, str]]:
        """(what, path) of every file the study reads before it starts."""
        for method, config in self.pretrain_configs.items():
            yield f'pretraining config of {method}', config
        for method in self.methods:
            yield (f'fine-tuning config of {method}',
                   self.finetune_config_of(method))
        for name, setting in self.datasets.items():
            yield f'dataset setting of {name}', setting
        for method, ckpt in self.pretrained.items():
            yield f'pretraining checkpoint of {method}', ckpt

    def demo_roots(self) -> List[Tuple[str, str]]:
        """``(kind, root)`` of the demo datasets the study generates."""
        own = [(self.task.demo_kind, self.data_root)] \
            if self.make_demo_data else []
        if own and self.data_root is None:
            raise ValueError('make_demo_data needs a data_root')
        return own + [tuple(d) for d in self.demo_data]

    def check_inputs(self) -> None:
        """Fail before the first stage if a config, checkpoint or the data
        root is missing, naming each and where relative paths resolve."""
        here = os.getcwd()
        missing = [f'  {what}: {path}' for what, path in self.inputs()
                   if not osp.isfile(path)]
        if (self.data_root is not None and not self.make_demo_data
                and not osp.isdir(self.data_root)):
            missing.append(f'  data root: {self.data_root}')
        if missing:
            raise FileNotFoundError(
                'the study cannot start, these are missing:\n' +
                '\n'.join(missing) + f'\nRelative paths resolve against '
                f'the current directory ({here}); run from the repository '
                'root or pass --work-root.')

    def skip_unavailable_rows(self) -> Dict[str, str]:
        """Leave out the rows of their own (no pretraining) whose initial
        weights cannot be had here, e.g. the ImageNet row offline without a
        local copy (see :func:`.availability.unavailable_rows`)."""
        own = {m: c for m, c in self.finetune_configs.items()
               if m not in self.pretrain_configs and m != RANDOM_INIT
               and m not in self.skipped}
        self.skipped.update(unavailable_rows(own, self.finetune_options,
                                             self.compare or ()))
        return dict(self.skipped)

    # -- options of each stage -------------------------------------------
    # The study's own options come first: ``pretrain_options`` and
    # ``finetune_options`` override them.
    def pretrain_stage_options(self, seed: int,
                               method: Optional[str] = None
                               ) -> Dict[str, Any]:
        return {
            **data_root_options(self.data_root, ['train_dataloader']),
            'randomness.seed': seed,
            **self.pretrain_options,
            **self.row_pretrain_options.get(method, {})
        }

    def finetune_stage_options(self, fraction: Labels,
                               seed: int) -> Dict[str, Any]:
        return {
            **data_root_options(self.data_root, self.task.loaders),
            self.task.split_key: self.task.split_of(fraction),
            'randomness.seed': seed,
            **self.task.options_of_seed(seed),
            **self.finetune_options
        }

    def init_options(self, method: str,
                     pretrain_ckpt: Optional[str]) -> Dict[str, Any]:
        """How a row's fine-tuning is initialised."""
        if method == RANDOM_INIT:
            return {'model.init_cfg': None}
        if pretrain_ckpt is not None:
            return {'model.init_cfg.checkpoint': pretrain_ckpt}
        return {}

    # -- running -----------------------------------------------------------
    def run(self, work_dir: str, resume: bool = False) -> Dict[str, Any]:
        """Run every stage under ``work_dir``; return the records.

        Layout: ``seed<s>/<method>/pretrain`` and
        ``seed<s>/<method>/[<dataset>/]<labels>/{finetune,test}``. With
        ``resume``,
        stages that finished (:data:`STAGE_NOTE`) are not run again, so an
        interrupted study continues where it stopped.

        Returns:
            dict with ``records`` (one per run, in table order: method,
            dataset (None without ``datasets``), fraction, seed, metrics,
            checkpoint, pretrain_checkpoint, config, work_dirs), ``pretrain_checkpoints`` (``method@seed<s>``
            -> path), ``pretrain_dirs`` (the same keys -> Runner work dir,
            where its logs are), ``skipped_rows`` (row -> why it was
            left out), ``seconds`` (stage -> time) and
            ``total_seconds`` (wall time; stages may overlap).
        """
        work_dir = osp.abspath(work_dir)
        self.check_inputs()
        self.skip_unavailable_rows()
        for kind, root in self.demo_roots():
            ensure_demo_data(kind, root)
        progress = Progress(self.num_stages())
        ckpts: Dict[Tuple[str, int], str] = {}
        pre_dirs: Dict[str, str] = {}
        for seed in self.pretrain_seeds:
            for method, config in self.pretrain_configs.items():
                key = (method, seed)
                if method in self.pretrained:
                    ckpts[key] = osp.abspath(self.pretrained[method])
                    pre_dirs[f'{method}@seed{seed}'] = osp.dirname(ckpts[key])
                    continue
                out = osp.join(work_dir, f'seed{seed}', slug(method),
                               'pretrain')
                ckpts[key] = self._stage(
                    progress, f'pretrain {method} (seed {seed})', out,
                    resume, lambda m=method, c=config, o=out, s=seed:
                    self._pretrain(m, c, o, s))
                pre_dirs[f'{method}@seed{seed}'] = out

        threads = max(1, available_cpus() // self.jobs) \
            if self.jobs > 1 else None
        seed0 = self.pretrain_seeds[0]
        grid = [(method, dataset, fraction, seed) for seed in self.seeds
                for dataset in self.dataset_names
                for fraction in self.fractions for method in self.methods]

        def one_run(cell: Tuple[str, Optional[str], Labels, int]
                    ) -> Dict[str, Any]:
            method, dataset, fraction, seed = cell
            pre = ckpts.get((method, seed if not self.pretrain_once
                             else seed0))
            return self._finetune_and_test(method, dataset, fraction, seed,
                                           pre, work_dir, progress, resume,
                                           threads)

        records = run_parallel(one_run, grid, self.jobs)
        return dict(
            records=records,
            pretrain_checkpoints={f'{m}@seed{s}': c
                                  for (m, s), c in ckpts.items()},
            pretrain_dirs=pre_dirs,
            skipped_rows=dict(self.skipped),
            seconds=dict(progress.seconds),
            total_seconds=progress.done())

    @staticmethod
    def _stage(progress: Progress, title: str, stage_dir: str, resume: bool,
               work: Callable[[], Any]) -> Any:
        """Run ``work`` as one counted stage and note its result in
        ``stage_dir``; when resuming, take the noted result instead. Only a
        stage that finished is noted, so an interrupted one runs again."""
        progress.begin(title)
        note = osp.join(stage_dir, STAGE_NOTE)
        if resume and osp.isfile(note):
            with open(note, encoding='utf-8') as f:
                result = json.load(f)['result']
            progress.end(title, skipped=True)
            return result
        result = work()
        progress.end(title)
        with open(note, 'w', encoding='utf-8') as f:
            json.dump(dict(stage=title, result=result,
                           seconds=progress.seconds[title]), f, indent=2)
        return result

    def _pretrain(self, method: str, config: str, out: str,
                  seed: int) -> str:
        train(config, out, self.pretrain_stage_options(seed, method),
              name=f'pretrain {method} s{seed}')
        return find_checkpoint(out, self.pretrain_checkpoint)

    def _finetune_and_test(self, method: str, dataset: Optional[str],
                           fraction: Labels, seed: int,
                           pretrain_ckpt: Optional[str], work_dir: str,
                           progress: Progress, resume: bool,
                           threads: Optional[int]) -> Dict[str, Any]:
        labels = labels_text(fraction)
        where = 'pct' if isinstance(fraction, int) else ''
        out = osp.join(work_dir, f'seed{seed}', slug(method),
                       *([slug(dataset)] if dataset else []),
                       slug(str(fraction)) + where)
        ft_dir, test_dir = osp.join(out, 'finetune'), osp.join(out, 'test')
        config = self.finetune_config_of(method)
        options = self.finetune_stage_options(fraction, seed)
        extra = ['--dataset', self.datasets[dataset]] if dataset else []
        on = f' on {dataset}' if dataset else ''
        tag = f'{method}{on} at {labels} (seed {seed})'
        name = f'{method}{" " + dataset if dataset else ""} {labels} s{seed}'

        def finetune() -> str:
            train(config, ft_dir,
                  {**options, **self.init_options(method, pretrain_ckpt)},
                  name=f'fine-tune {name}', threads=threads,
                  extra_args=extra)
            return find_checkpoint(ft_dir)

        ckpt = self._stage(progress, f'fine-tune {tag}', ft_dir, resume,
                           finetune)
        # The checkpoint holds every weight: no initialisation to apply.
        test_options = {**options, 'model.init_cfg': None}
        metrics = self._stage(
            progress, f'test {tag}', test_dir, resume,
            lambda: self.task.table_metrics(
                test(config, ckpt, test_dir, test_options,
                     name=f'test {name}', threads=threads,
                     extra_args=extra)))
        return dict(method=method, dataset=dataset, fraction=fraction,
                    seed=seed, metrics=metrics, checkpoint=ckpt,
                    pretrain_checkpoint=pretrain_ckpt, config=config,
                    work_dirs=dict(finetune=ft_dir, test=test_dir))
