"""Weights of overlapping sliding windows and their blending, one strip
of rows at a time.

Sliding-window inference over a scene steps windows by ``window - overlap``
and blends their logits where they overlap, with weights that fall off
towards a window's border (where its receptive field leaves the window).
The blending buffer of :class:`StripBlender` spans one strip of rows, so
memory grows with the scene width, never with its area.
"""
import math
from typing import List, Sequence

import numpy as np
import torch

#: Standard deviation of the Gaussian blending weights, as a fraction of the
#: window side: small enough that a window's border, where the receptive
#: field leaves the window, counts little, large enough to blend smoothly
#: over an overlap of a quarter window.
GAUSSIAN_SIGMA_SCALE = 1 / 8

#: Weightings :func:`blend_profile` knows.
BLEND_MODES = ('gaussian', 'linear', 'uniform')


def window_starts(length: int, window: int, overlap: int) -> List[int]:
    """Start offsets of sliding windows along one axis of ``length`` pixels.

    Windows step by ``window - overlap``; the last one is moved back to end
    flush with the border (as mmseg's slide inference does), so no padding
    is needed and every window has the same size.
    """
    if length <= window:
        return [0]
    check_window(window, overlap)
    stride = window - overlap
    num = math.ceil((length - window) / stride) + 1
    return [min(i * stride, length - window) for i in range(num)]


def check_window(window: int, overlap: int) -> None:
    """Refuse an overlap that is negative or leaves no stride."""
    if not 0 <= overlap < window:
        raise ValueError(f'overlap must be in [0, window), got overlap '
                         f'{overlap} for window {window}')


def blend_profile(size: int, mode: str = 'gaussian') -> np.ndarray:
    """Weights of a window's logits along one axis, where windows overlap.

    'gaussian' and 'linear' (a tent) fall off towards the window border,
    where predictions are least reliable, and are positive everywhere so that
    pixels seen by one window only keep its logits. 'uniform' averages, like
    mmseg's slide inference. A window's weights are the outer product of
    the profiles of its two axes.
    """
    if mode not in BLEND_MODES:
        raise ValueError(f'blend must be one of {BLEND_MODES}, got {mode!r}')
    offset = np.arange(size) + 0.5 - size / 2  # distance of pixel centres
    if mode == 'gaussian':
        profile = np.exp(-0.5 * (offset / (size * GAUSSIAN_SIGMA_SCALE))**2)
    elif mode == 'linear':
        profile = 1 - np.abs(offset) / (size / 2)
    else:
        profile = np.ones(size)
    return profile.astype(np.float32)


class StripBlender:
    """Weighted sum of window logits over the rows of one strip.

    The buffer spans ``height`` rows from the top of the current strip and
    the full scene width. The weights are separable, ``wy[:, None] *
    wx[None]``, so their sum over windows is too, and is kept as two 1-D
    profiles instead of a second buffer.
    """

    def __init__(self, channels: int, height: int, width: int,
                 weight_y: torch.Tensor, weight_x: torch.Tensor,
                 xs: Sequence[int]) -> None:
        device = weight_y.device
        self.sum = torch.zeros(channels, height, width, device=device)
        self.weight = weight_y[:, None] * weight_x[None]
        self.weight_y = weight_y
        # Summed weights along y of the rows of windows added so far (rows
        # shared with the previous row of windows carry both), and along x
        # of every window of a row.
        self.row_weight = torch.zeros(height, device=device)
        self.col_weight = torch.zeros(width, device=device)
        for x in xs:
            self.col_weight[x:x + len(weight_x)] += weight_x

    def add(self, logits: torch.Tensor, x: int) -> None:
        width = logits.shape[-1]
        self.sum[:, :, x:x + width] += logits * self.weight

    def add_row(self) -> None:
        """Account for the weights of one full row of windows."""
        self.row_weight += self.weight_y

    def blended(self, rows: int) -> torch.Tensor:
        """Blended logits of the top ``rows`` rows, normalised in place.

        The result is a view into the buffer, valid until :meth:`advance`.
        """
        top = self.sum[:, :rows]
        top /= self.row_weight[:rows, None] * self.col_weight[None]
        return top

    def advance(self, rows: int) -> None:
        """Drop the top ``rows`` rows and move the rest to the top."""
        keep = self.sum.shape[1] - rows
        tail = self.sum[:, rows:]
        if keep > rows:  # source and target overlap
            tail = tail.clone()
        self.sum[:, :keep] = tail
        self.sum[:, keep:] = 0
        self.row_weight[:keep] = self.row_weight[rows:].clone()
        self.row_weight[keep:] = 0
