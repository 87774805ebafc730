"""What a study needs to know about a task line: its headline metrics, the
dataloaders that read the dataset, and how an amount of labels is chosen.

Segmentation is the only line today; a scene-classification line adds one
more :class:`Task` (its metrics, loaders and per-class label subsets) and
the rest of the engine is shared.
"""
from dataclasses import dataclass
from typing import Mapping, Tuple, Union

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
    """
    name: str
    metrics: Tuple[str, ...]
    loaders: Tuple[str, ...]
    label_splits: Mapping[Labels, str]
    split_key: str = 'train_dataloader.dataset.split'
    curve_keys: Tuple[str, ...] = ()

    def split_of(self, labels: Labels) -> str:
        """Training split of an amount of labels; a clear error otherwise."""
        if labels not in self.label_splits:
            raise ValueError(
                f'label fractions: {labels!r} is not one of '
                f'{list(self.label_splits)}, the amounts of labels with a '
                f'{self.name} training split')
        return self.label_splits[labels]


#: Metrics of the GLCNet paper's tables, in their order.
PAPER_METRICS = ('OA', 'Kappa', 'mIoU')
#: Dataloaders of an mmseg fine-tuning config.
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


def labels_text(labels: Labels) -> str:
    """Table form of an amount of labels: ``1`` -> ``'1%'``."""
    return f'{labels}%' if isinstance(labels, (int, float)) else str(labels)
