"""The confusion-matrix figure of segmentation and scene metrics.

Rows are the true classes, columns the predicted ones; each row is divided
by its count, so a cell reads "the share of class *i* predicted as *j*"
and the diagonal is the per-class recall, readable whatever the class
imbalance (Potsdam has 30x more impervious surface than clutter). The
counts stay in the CSV the metrics write next to the figure
(:func:`grsim_mm.evaluation.write_confusion_csv`).
"""
from typing import Optional, Sequence

import numpy as np

from .style import figure

#: Above this many classes the cells carry no numbers (they would overlap).
MAX_ANNOTATED_CLASSES = 20


def normalise_rows(matrix: np.ndarray) -> np.ndarray:
    """Each row divided by its sum; rows of classes absent from the labels
    stay NaN (shown blank), not 0, which would read as "never right"."""
    matrix = np.asarray(matrix, dtype=np.float64)
    totals = matrix.sum(axis=1, keepdims=True)
    with np.errstate(invalid='ignore', divide='ignore'):
        return np.where(totals > 0, matrix / totals, np.nan)


def plot_confusion_matrix(matrix: np.ndarray,
                          class_names: Sequence[str],
                          out_file: str,
                          title: str = '',
                          normalise: bool = True,
                          annotate: Optional[bool] = None) -> None:
    """Save the confusion matrix as a figure with class names on both axes
    (drawn by :func:`draw_confusion_matrix`; the format follows the suffix
    of ``out_file``)."""
    side = max(3.5, 0.45 * len(class_names) + 2.0)
    with figure(out_file, 1, 1, (side + 1.0, side), title,
                grid=False) as axes:
        draw_confusion_matrix(axes[0, 0], matrix, class_names, normalise,
                              annotate)


def draw_confusion_matrix(ax,
                          matrix: np.ndarray,
                          class_names: Sequence[str],
                          normalise: bool = True,
                          annotate: Optional[bool] = None) -> np.ndarray:
    """Draw the confusion matrix into a matplotlib axes.

    Args:
        ax: The axes.
        matrix: ``(C, C)`` counts, rows the true and columns the predicted
            class.
        class_names: ``C`` names, in class order.
        normalise: Show the row-normalised shares (in %) rather than the
            counts.
        annotate: Write the value in each cell; by default when there are
            at most :data:`MAX_ANNOTATED_CLASSES` classes.

    Returns:
        The values shown (NaN for the rows of absent classes, blank).
    """
    matrix = np.asarray(matrix)
    num_classes = len(class_names)
    if matrix.shape != (num_classes, num_classes):
        raise ValueError(f'a confusion matrix of shape {matrix.shape} for '
                         f'{num_classes} class names')
    values = (normalise_rows(matrix) * 100 if normalise else
              matrix.astype(np.float64))
    if annotate is None:
        annotate = num_classes <= MAX_ANNOTATED_CLASSES
    shown = np.ma.masked_invalid(values)
    image = ax.imshow(shown, cmap='Blues', vmin=0,
                      vmax=100 if normalise else None)
    colourbar = ax.figure.colorbar(image, ax=ax, fraction=0.046, pad=0.04)
    colourbar.set_label('% of the true class' if normalise else 'count')
    ticks = np.arange(num_classes)
    ax.set_xticks(ticks)
    ax.set_yticks(ticks)
    ax.set_xticklabels(class_names, rotation=45, ha='right')
    ax.set_yticklabels(class_names)
    ax.set_xlabel('predicted class')
    ax.set_ylabel('true class')
    if annotate:
        top = np.nanmax(values) if shown.count() else 0
        for i in range(num_classes):
            for j in range(num_classes):
                value = values[i, j]
                if np.isnan(value):
                    continue
                text = f'{value:.1f}' if normalise else f'{int(value)}'
                ax.text(j, i, text, ha='center', va='center', fontsize=7,
                        color='white' if value > top / 2 else 'black')
    return values
