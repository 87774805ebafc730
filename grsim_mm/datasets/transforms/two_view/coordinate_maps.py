"""Exact coordinate maps between an augmented view and its source tile.

Contrastive methods that compare *dense* features of two views (GLCNet's
matched windows, SSCCL's overlap maps) need to know which source pixel every
view pixel shows. Searching for pixel ids in resampled id maps is slow and off
by up to a pixel; the maps here are the closed-form affine transforms of the
view's geometric parameters, so they are exact, vectorised and independent of
the tile size.

A view is built as ``rot90(flip(resize(src[y1:y2, x1:x2])), k)`` and is
described by a plain ``dict`` (``view_params``)::

    dict(crop=(x1, y1, x2, y2),  # source pixels, half-open, ints
         size=(h, w),            # resize output (before flip and rotation)
         flip=None,              # None, 'horizontal', 'vertical' or 'diagonal'
         rot90=0)                # counter-clockwise quarter turns: as
                                 # np.rot90(img, k) and
                                 # torch.rot90(x, k, (-2, -1))

``'diagonal'`` is mmcv's name for flipping both axes. The view's final shape
is ``size`` for even ``rot90`` and ``size[::-1]`` for odd.

Coordinate convention: points are ``(x, y)`` = (column, row) and pixel
centres sit on integers, so pixel ``(i, j)`` covers ``[j - 0.5, j + 0.5) x
[i - 0.5, i + 0.5)``. This is the convention of ``cv2.resize`` with
``INTER_LINEAR`` (output pixel ``u`` samples the crop at
``(u + 0.5) * crop_w / w - 0.5``) and of ``torch.nn.functional.grid_sample``
with ``align_corners=False``, so a bilinear view of a linear ramp reproduces
:func:`view_to_source` to float precision (except within half a source pixel
of the tile border, where cv2 replicates the border).
"""
from typing import Dict, Optional, Sequence, Tuple

import numpy as np

FLIP_DIRECTIONS = (None, 'horizontal', 'vertical', 'diagonal')


def view_shape(params: Dict) -> Tuple[int, int]:
    """``(h, w)`` of the final view."""
    h, w = params['size']
    return (w, h) if params['rot90'] % 2 else (h, w)


def _rotation_matrix(k: int, h: int, w: int) -> np.ndarray:
    """Final-view coordinates -> coordinates before ``np.rot90(., k)`` of an
    ``h x w`` array (``rot90(a)[i, j] == a[j, w - 1 - i]`` and so on)."""
    rows = {
        0: [[1., 0., 0.], [0., 1., 0.]],
        1: [[0., -1., w - 1.], [1., 0., 0.]],
        2: [[-1., 0., w - 1.], [0., -1., h - 1.]],
        3: [[0., 1., 0.], [-1., 0., h - 1.]],
    }[k % 4]
    return np.array(rows + [[0., 0., 1.]])


def _flip_matrix(direction: Optional[str], h: int, w: int) -> np.ndarray:
    """A flip is its own inverse, so this maps either way."""
    if direction not in FLIP_DIRECTIONS:
        raise ValueError(f'unknown flip direction {direction!r}')
    fx = direction in ('horizontal', 'diagonal')
    fy = direction in ('vertical', 'diagonal')
    return np.array([[-1. if fx else 1., 0., w - 1. if fx else 0.],
                     [0., -1. if fy else 1., h - 1. if fy else 0.],
                     [0., 0., 1.]])


def view_to_source_matrix(params: Dict) -> np.ndarray:
    """3x3 homogeneous matrix taking view ``(x, y, 1)`` to source coordinates.

    Its linear part is a signed permutation times the per-axis zoom, so each
    source axis depends on exactly one view axis.
    """
    x1, y1, x2, y2 = params['crop']
    h, w = params['size']
    sx, sy = (x2 - x1) / w, (y2 - y1) / h
    resize = np.array([[sx, 0., x1 + 0.5 * sx - 0.5],
                       [0., sy, y1 + 0.5 * sy - 0.5],
                       [0., 0., 1.]])
    return (resize @ _flip_matrix(params['flip'], h, w)
            @ _rotation_matrix(params['rot90'], h, w))


def source_to_view_matrix(params: Dict) -> np.ndarray:
    """Inverse of :func:`view_to_source_matrix` (built in closed form)."""
    x1, y1, x2, y2 = params['crop']
    h, w = params['size']
    zx, zy = w / (x2 - x1), h / (y2 - y1)
    unresize = np.array([[zx, 0., (0.5 - x1) * zx - 0.5],
                         [0., zy, (0.5 - y1) * zy - 0.5],
                         [0., 0., 1.]])
    # rot90 by k is undone by rot90 by -k of the rotated (final) array.
    fh, fw = view_shape(params)
    unrotate = _rotation_matrix(-params['rot90'], fh, fw)
    return (unrotate @ _flip_matrix(params['flip'], h, w) @ unresize)


def _apply(matrix: np.ndarray, points: np.ndarray) -> np.ndarray:
    points = np.asarray(points, dtype=np.float64)
    return points @ matrix[:2, :2].T + matrix[:2, 2]


def view_to_source(points: np.ndarray, params: Dict) -> np.ndarray:
    """Map ``(..., 2)`` view points ``(x, y)`` to source coordinates."""
    return _apply(view_to_source_matrix(params), points)


def source_to_view(points: np.ndarray, params: Dict) -> np.ndarray:
    """Map ``(..., 2)`` source points ``(x, y)`` to view coordinates."""
    return _apply(source_to_view_matrix(params), points)


def nearest_pixel(points: np.ndarray) -> np.ndarray:
    """Index of the pixel containing each point (ties round up), int64."""
    return np.floor(np.asarray(points) + 0.5).astype(np.int64)


def overlap_box(params: Sequence[Dict]) -> Optional[Tuple[int, int, int, int]]:
    """Source box ``(x1, y1, x2, y2)`` shown by every view, or None."""
    crops = [p['crop'] for p in params]
    x1, y1 = max(c[0] for c in crops), max(c[1] for c in crops)
    x2, y2 = min(c[2] for c in crops), min(c[3] for c in crops)
    if x1 >= x2 or y1 >= y2:
        return None
    return int(x1), int(y1), int(x2), int(y2)


def box_grid(box: Sequence[float], size: Tuple[int, int]) -> np.ndarray:
    """``(h, w, 2)`` pixel-centre points of an ``h x w`` grid laid over a
    source box, e.g. a common grid of the overlap to resample views onto."""
    x1, y1, x2, y2 = box
    h, w = size
    xs = x1 + (np.arange(w) + 0.5) * (x2 - x1) / w - 0.5
    ys = y1 + (np.arange(h) + 0.5) * (y2 - y1) / h - 0.5
    return np.stack(np.meshgrid(xs, ys), axis=-1)


def source_to_grid(points: np.ndarray, params: Dict) -> np.ndarray:
    """Source points -> view coordinates normalised to [-1, 1] for
    ``grid_sample(..., align_corners=False)``.

    Normalised coordinates do not depend on resolution, so the grid samples
    any feature map that covers the view (stride 4, 16, ...) at the right
    place.
    """
    fh, fw = view_shape(params)
    xy = source_to_view(points, params)
    return (xy + 0.5) / np.array([fw, fh]) * 2. - 1.
