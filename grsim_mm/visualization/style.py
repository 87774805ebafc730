"""The one plot style of the toolbox's figures: study reports, log curves,
confusion matrices and dataset browsing share the rc settings and the
figure saving, so that every figure a user gets looks alike."""
from contextlib import contextmanager
from typing import Iterator, Tuple

import numpy as np

STYLE = {
    'font.size': 9,
    'axes.titlesize': 10,
    'axes.labelsize': 9,
    'legend.fontsize': 8,
    'xtick.labelsize': 8,
    'ytick.labelsize': 8,
    'axes.grid': True,
    'grid.alpha': 0.3,
    'axes.spines.top': False,
    'axes.spines.right': False,
}
DPI = 120


@contextmanager
def figure(out_file: str,
           rows: int = 1,
           cols: int = 1,
           panel: Tuple[float, float] = (5.0, 3.5),
           title: str = '',
           grid: bool = True) -> Iterator[np.ndarray]:
    """A ``rows x cols`` array of axes in the toolbox style, saved to
    ``out_file`` (and closed) when the block ends."""
    import matplotlib
    matplotlib.use('Agg')
    import matplotlib.pyplot as plt

    with plt.rc_context(dict(STYLE, **{'axes.grid': grid})):
        fig, axes = plt.subplots(
            rows, cols, figsize=(panel[0] * cols, panel[1] * rows),
            squeeze=False)
        try:
            yield axes
            if title:
                fig.suptitle(title)
            fig.tight_layout()
            fig.savefig(out_file, dpi=DPI, bbox_inches='tight')
        finally:
            plt.close(fig)
