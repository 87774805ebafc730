"""What a study needs to know about a task line: its headline metrics, the
dataloaders that read the dataset, how an amount of labels and a seed
choose the training list, and which demo data and prediction figure go
with it.

Two lines: segmentation (:data:`SEGMENTATION`, mmseg fine-tuning on the
lists of ``tools/make_splits.py``) and scene classification
(:data:`SCENE`, mmpretrain classifiers on the lists of
``tools/make_scene_splits.py``). The rest of the engine is shared.
"""
from dataclasses import dataclass, field
from typing import Any, Dict, Mapping, Tuple, Union

#: An amount of labels: a percentage (``1`` is 1 %) or a named subset such
#: as ``'5/class'``.
Labels = Union[int, str]


@dataclass(frozen=True)
class Task:
    """A task line of the study engine.

    Args:
        name: Short name, e.g. ``'segmentation'``.
        metrics: Headline test metrics, in table order.
        loaders: Dataloaders that receive the study's ``data_root``.
        label_splits: Amount of labels -> name of the training split.
        split_key: cfg-option that selects the training split.
        curve_keys: Validation scalars plotted per epoch.
        seed_options: cfg-options that follow the seed, values formatted
            with ``seed`` (e.g. the folder of that seed's lists).
        read: Table metric -> ``(logged key, factor)`` for metrics the test
            logs under another name or scale; others are read as they are.
        demo_kind: The demo dataset of the line (see :mod:`.demo_data`).
        predictions: Name of the figure of the rows' predictions
            (:mod:`.predictions`).
    """
    name: str
    metrics: Tuple[str, ...]
    loaders: Tuple[str, ...]
    label_splits: Mapping[Labels, str]
    split_key: str = 'train_dataloader.dataset.split'
    curve_keys: Tuple[str, ...] = ()
    seed_options: Mapping[str, str] = field(default_factory=dict)
    read: Mapping[str, Tuple[str, float]] = field(default_factory=dict)
    demo_kind: str = 'segmentation'
    predictions: str = 'segmentation'

    def split_of(self, labels: Labels) -> str:
        """Training split of an amount of labels; a clear error otherwise."""
        if labels not in self.label_splits:
            raise ValueError(
                f'label fractions: {labels!r} is not one of '
                f'{list(self.label_splits)}, the amounts of labels with a '
                f'{self.name} training split')
        return self.label_splits[labels]

    def options_of_seed(self, seed: int) -> Dict[str, Any]:
        return {k: v.format(seed=seed) for k, v in self.seed_options.items()}

    def table_metrics(self, logged: Mapping[str, Any]) -> Dict[str, Any]:
        """The test's logged metrics with the table's names and scales
        added (``read``)."""
        out = dict(logged)
        for title, (key, factor) in self.read.items():
            if key in logged:
                out[title] = float(logged[key]) * factor
        return out


#: Metrics of the GLCNet paper's tables, in their order.
PAPER_METRICS = ('OA', 'Kappa', 'mIoU')
#: Dataloaders of a fine-tuning config.
SEG_LOADERS = ('train_dataloader', 'val_dataloader', 'test_dataloader')
#: Label fraction (percent) -> training split name of the segmentation
#: lists (``tools/make_splits.py``).
FRACTION_SPLITS = {1: 'trainR1', 5: 'trainR5', 10: 'trainR10', 100: 'train'}

SEGMENTATION = Task(
    name='segmentation',
    metrics=PAPER_METRICS,
    loaders=SEG_LOADERS,
    label_splits=FRACTION_SPLITS,
    curve_keys=PAPER_METRICS)

#: Amount of labels -> list of ``tools/make_scene_splits.py``: k images per
#: class, or a percentage of each class's training share.
SCENE_SPLITS = {
    '5/class': 'train_k5',
    '20/class': 'train_k20',
    '50/class': 'train_k50',
    '100/class': 'train_k100',
    1: 'train_p1',
    5: 'train_p5',
    10: 'train_p10',
    100: 'train',
}
#: Scene metrics in the tables: OA, AA (mean recall), Kappa x 100.
SCENE_METRICS = ('OA', 'AA', 'Kappa')

SCENE = Task(
    name='scene classification',
    metrics=SCENE_METRICS,
    loaders=SEG_LOADERS,
    label_splits=SCENE_SPLITS,
    curve_keys=('scene/OA', 'scene/AA'),
    # every seed draws its own labelled subsets (same selection and test)
    seed_options={f'{loader}.dataset.split_dir': 'splits/seed{seed}'
                  for loader in SEG_LOADERS},
    read={'OA': ('scene/OA', 1.), 'AA': ('scene/AA', 1.),
          'Kappa': ('scene/kappa', 100.)},
    demo_kind='scene',
    predictions='confusion')

TASKS = {'segmentation': SEGMENTATION, 'scene': SCENE}


def labels_text(labels: Labels) -> str:
    """Table form of an amount of labels: ``1`` -> ``'1%'``."""
    return f'{labels}%' if isinstance(labels, (int, float)) else str(labels)


def parse_labels(text: str) -> Labels:
    """Command-line form of an amount of labels: ``'5'`` or ``'5%'`` is
    5 %, ``'20/class'`` twenty images a class."""
    value = text[:-1] if text.endswith('%') else text
    if value.isdigit():
        return int(value)
    count, sep, unit = text.partition('/')
    if sep and unit == 'class' and count.isdigit():
        return f'{int(count)}/class'
    raise ValueError(f'{text!r} is no amount of labels: give a percentage '
                     '(5 or 5%) or images per class (20/class)')
