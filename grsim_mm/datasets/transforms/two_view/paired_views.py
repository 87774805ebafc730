"""Two augmented views of a tile with matched windows.

The pretraining input of GLCNet, SSCCL and the contrastive baselines. See
:mod:`.coordinate_maps` for the coordinate conventions and
:mod:`.matched_windows` for how the window pairs are chosen.
"""
import copy
import math
from typing import Dict, List, Optional, Sequence, Tuple

import numpy as np
from mmcv.transforms import BaseTransform, Compose
from mmpretrain.registry import TRANSFORMS

from ..image_ops import flip, resize_bilinear, rot90
from .coordinate_maps import FLIP_DIRECTIONS
from .matched_windows import sample_window_pairs, window_candidates

# The reference's view-2 photometric pipeline.
DEFAULT_VIEW_TRANSFORMS = (
    (),
    (dict(type='SpectralJitter', prob=0.8, brightness=0.1, contrast=0.1,
          salt_prob=0.001),
     dict(type='RandomGrey', prob=0.1),
     dict(type='RandomGaussianBlur', prob=0.5, kernel_sizes=(3, 5, 7))),
)


@TRANSFORMS.register_module()
class PairedViews(BaseTransform):
    """Make two views of one tile and ``P`` window pairs matched between them.

    Each view is a random resized crop of the tile (bilinear), and the views
    in ``geometric_views`` are then flipped and rotated by a multiple of 90°.
    After that, each view runs its own photometric pipeline from
    ``view_transforms``. The defaults follow the GLCNet reference: view 1 gets
    only the crop; view 2 also gets a flip (horizontal, vertical, both or
    none with probabilities 0.2/0.2/0.2/0.4), with probability 0.8 a rotation
    by ``k * 90°`` with ``k`` uniform in {0, 1, 2, 3}, the band-agnostic
    spectral jitter (p=0.8), grey (p=0.1) and Gaussian blur (p=0.5).

    The crop follows the reference (area fraction ``U(scale)``, aspect
    ``U(ratio)`` with width and height swapped with probability 0.5) with two
    fixes: a side may equal the tile side, and the last start offset can be
    drawn. After ``max_attempts`` misses it takes the centred crop of the last
    draw clipped to the tile.

    Window pairs come from the views' geometry (see :mod:`.matched_windows`).
    If fewer than ``num_windows`` candidate centres exist, the crops are
    redrawn up to ``max_redraws`` times; pairs that still cannot be placed
    are marked invalid.

    Required keys: ``img`` (HWC or HW, any band count and dtype).
    Optional: ``value_range``, ``img_path`` and ``band_names``, handed to
    each view's photometric pipeline (where ``SpectralJitter`` without a
    ``value_range`` of its own uses the first and names the second in its
    errors, and ``RGBHSVJitter`` finds the red, green and blue bands by the
    third).

    Extra images of the sample (``results['extra_imgs']``, e.g. RiSSNet's
    neighbours from ``NeighbourTiles``) become more views, each made like
    view ``extra_view`` with its own random draws (see
    :meth:`render_view`), appended after the two.

    Modified keys: ``img`` (list of the two views and any extra ones, same
    dtype as the input), ``img_shape``. Removed: ``extra_imgs``.

    Added keys:

    - ``windows`` (np.ndarray): float32 ``(P, 2, 4)``; ``windows[p, v]`` is
      ``(x1, y1, x2, y2)`` in view ``v``'s pixels, half-open,
      ``x2 - x1 == y2 - y1 == window_size``.
    - ``window_valid`` (np.ndarray): bool ``(P,)``.
    - ``view_params`` (list[dict]): per view ``dict(crop=(x1, y1, x2, y2),
      size=(h, w), flip=None | 'horizontal' | 'vertical' | 'diagonal',
      rot90=k)``, the input of the maps in :mod:`.coordinate_maps`.

    Args:
        crop_size (int): Side of the square views. Defaults to 224.
        scale (Sequence[float]): Range of the crop's area fraction.
            Defaults to (0.4, 1.0).
        ratio (Sequence[float]): Range of the crop's aspect ratio.
            Defaults to (3 / 4, 4 / 3).
        max_attempts (int): Crop draws before the fallback. Defaults to 10.
        geometric_views (Sequence[int]): 0-based views that get the flip and
            rotation. Defaults to (1,).
        flip_prob (Sequence[float]): Probability of each flip direction.
            Defaults to (0.2, 0.2, 0.2).
        flip_direction (Sequence[str]): Flip directions, as mmcv's
            ``RandomFlip``. Defaults to ('horizontal', 'vertical',
            'diagonal').
        rot_prob (float): Probability of drawing a rotation. Defaults to 0.8.
        rot_choices (Sequence[int]): Candidate counter-clockwise quarter
            turns. Defaults to (0, 1, 2, 3).
        view_transforms (Sequence[Sequence[dict]]): Photometric pipeline of
            each view, built from the mmpretrain registry.
        num_windows (int): Number of window pairs P. Defaults to 4.
        window_size (int): Window side in view pixels. Defaults to 48.
        max_redraws (int): Crop redraws when the overlap is too small.
            Defaults to 10.
        extra_view (int): Which view extra images are made like. Defaults
            to 1.
    """

    def __init__(self,
                 crop_size: int = 224,
                 scale: Sequence[float] = (0.4, 1.0),
                 ratio: Sequence[float] = (3 / 4, 4 / 3),
                 max_attempts: int = 10,
                 geometric_views: Sequence[int] = (1, ),
                 flip_prob: Sequence[float] = (0.2, 0.2, 0.2),
                 flip_direction: Sequence[str] = ('horizontal', 'vertical',
                                                  'diagonal'),
                 rot_prob: float = 0.8,
                 rot_choices: Sequence[int] = (0, 1, 2, 3),
                 view_transforms: Sequence[Sequence[dict]] = (
                     DEFAULT_VIEW_TRANSFORMS),
                 num_windows: int = 4,
                 window_size: int = 48,
                 max_redraws: int = 10,
                 extra_view: int = 1) -> None:
        if not 0 < scale[0] <= scale[1]:
            raise ValueError(f'invalid scale range {scale}')
        if not 0 < ratio[0] <= ratio[1]:
            raise ValueError(f'invalid ratio range {ratio}')
        if max_attempts < 1 or max_redraws < 0:
            raise ValueError('max_attempts must be >= 1, max_redraws >= 0')
        if len(flip_prob) != len(flip_direction):
            raise ValueError('flip_prob and flip_direction differ in length')
        if not set(flip_direction) <= set(FLIP_DIRECTIONS[1:]):
            raise ValueError(f'unknown flip direction in {flip_direction}')
        if any(p < 0 for p in flip_prob) or sum(flip_prob) > 1 + 1e-9:
            raise ValueError(f'invalid flip probabilities {flip_prob}')
        if not 0 <= rot_prob <= 1 or len(rot_choices) == 0:
            raise ValueError('rot_prob must be in [0, 1] with choices given')
        if len(view_transforms) != 2:
            raise ValueError('view_transforms needs one pipeline per view')
        if window_size > crop_size and num_windows > 0:
            raise ValueError('windows do not fit into the views')
        if extra_view not in (0, 1):
            raise ValueError(f'extra_view must be 0 or 1, got {extra_view}')
        self.crop_size = int(crop_size)
        self.scale = tuple(scale)
        self.ratio = tuple(ratio)
        self.max_attempts = max_attempts
        self.geometric_views = tuple(geometric_views)
        self.flip_prob = tuple(flip_prob)
        self.flip_direction = tuple(flip_direction)
        self.rot_prob = rot_prob
        self.rot_choices = tuple(int(k) % 4 for k in rot_choices)
        self.view_transforms = [
            Compose([TRANSFORMS.build(copy.deepcopy(t)) for t in pipeline])
            for pipeline in view_transforms
        ]
        self.num_windows = num_windows
        self.window_size = window_size
        self.max_redraws = max_redraws
        self.extra_view = extra_view

    def _random_crop(self, h: int, w: int) -> Tuple[int, int, int, int]:
        area = h * w
        (s_lo, s_hi), (r_lo, r_hi) = self.scale, self.ratio
        for _ in range(self.max_attempts):
            # Same draws as np.random.uniform, without its call overhead.
            target = area * (s_lo + (s_hi - s_lo) * np.random.random())
            aspect = r_lo + (r_hi - r_lo) * np.random.random()
            cw = int(round(math.sqrt(target * aspect)))
            ch = int(round(math.sqrt(target / aspect)))
            if np.random.rand() < 0.5:
                cw, ch = ch, cw
            if 0 < cw <= w and 0 < ch <= h:
                x1 = np.random.randint(w - cw + 1)
                y1 = np.random.randint(h - ch + 1)
                return x1, y1, x1 + cw, y1 + ch
        cw, ch = min(max(cw, 1), w), min(max(ch, 1), h)
        x1, y1 = (w - cw) // 2, (h - ch) // 2
        return x1, y1, x1 + cw, y1 + ch

    def _random_flip(self) -> Optional[str]:
        u = np.random.rand()
        for prob, direction in zip(self.flip_prob, self.flip_direction):
            if u < prob:
                return direction
            u -= prob
        return None

    def _random_rot90(self) -> int:
        if np.random.rand() >= self.rot_prob:
            return 0
        return self.rot_choices[np.random.randint(len(self.rot_choices))]

    def _random_params(self, view: int, h: int, w: int) -> Dict:
        flip_dir, k = None, 0
        if view in self.geometric_views:
            flip_dir, k = self._random_flip(), self._random_rot90()
        return dict(crop=self._random_crop(h, w),
                    size=(self.crop_size, self.crop_size),
                    flip=flip_dir,
                    rot90=k)

    def _random_view_params(self, h: int, w: int) -> List[Dict]:
        return [self._random_params(view, h, w) for view in range(2)]

    def _windows(self, params: List[Dict], h: int,
                 w: int) -> Tuple[np.ndarray, np.ndarray]:
        """Window pairs, redrawing the crops (in place) while the views
        share fewer than ``num_windows`` candidate centres."""
        candidates = window_candidates(params, self.window_size)
        for _ in range(self.max_redraws):
            if len(candidates[0]) * len(candidates[1]) >= self.num_windows:
                break
            for p in params:
                p['crop'] = self._random_crop(h, w)
            candidates = window_candidates(params, self.window_size)
        return sample_window_pairs(params, self.num_windows, self.window_size,
                                   candidates)

    @staticmethod
    def _render(img: np.ndarray, params: Dict) -> np.ndarray:
        x1, y1, x2, y2 = params['crop']
        view = resize_bilinear(img[y1:y2, x1:x2], params['size'])
        return rot90(flip(view, params['flip']), params['rot90'])

    def _photometric(self, img: np.ndarray, view: int,
                     context: Optional[Dict] = None) -> np.ndarray:
        return self.view_transforms[view](dict(context or {}, img=img))['img']

    def render_view(self,
                    img: np.ndarray,
                    view: int = 1,
                    context: Optional[Dict] = None) -> np.ndarray:
        """One more view of ``img`` made like view ``view`` of
        :meth:`transform`: its own random crop, the flip and rotation if
        that view has them, and that view's photometric pipeline (given the
        sample's ``context``: value range, path, band names). Extra images
        of a sample (RiSSNet's neighbours) become views this way."""
        h, w = img.shape[:2]
        params = self._random_params(view, h, w)
        return self._photometric(self._render(img, params), view, context)

    def transform(self, results: Dict) -> Dict:
        img = results['img']
        h, w = img.shape[:2]
        params = self._random_view_params(h, w)
        if self.num_windows > 0:
            windows, valid = self._windows(params, h, w)
        else:
            windows = np.zeros((0, 2, 4), dtype=np.float32)
            valid = np.zeros(0, dtype=bool)
        context = {key: results[key]
                   for key in ('value_range', 'img_path', 'band_names')
                   if results.get(key) is not None}
        views = [
            self._photometric(self._render(img, p), view, context)
            for view, p in enumerate(params)
        ]
        for extra in results.pop('extra_imgs', ()):
            views.append(self.render_view(extra, self.extra_view, context))
        results['img'] = views
        results['img_shape'] = views[0].shape[:2]
        results['windows'] = windows
        results['window_valid'] = valid
        results['view_params'] = params
        return results

    def __repr__(self) -> str:
        return (f'{self.__class__.__name__}(crop_size={self.crop_size}, '
                f'scale={self.scale}, ratio={self.ratio}, '
                f'geometric_views={self.geometric_views}, '
                f'flip_prob={self.flip_prob}, rot_prob={self.rot_prob}, '
                f'rot_choices={self.rot_choices}, '
                f'view_transforms={self.view_transforms}, '
                f'num_windows={self.num_windows}, '
                f'window_size={self.window_size})')


@TRANSFORMS.register_module()
class GLCViews(PairedViews):
    """The name :class:`PairedViews` had when only GLCNet used it; same
    transform, same defaults."""
