"""SSCCL's overlap resampling aligns both views location by location."""
import numpy as np
import torch
from hypothesis import given, settings
from hypothesis import strategies as st

from grsim_mm.datasets.transforms import GLCViews, OverlapGrids
from grsim_mm.datasets.transforms.two_view.coordinate_maps import (
    box_grid, overlap_box)
from grsim_mm.models.utils import sample_overlap

TILE = 64
GRID = 8


def coordinate_image(h: int, w: int) -> np.ndarray:
    """Bands = each pixel's own column and row; a bilinear view of it shows
    the source coordinates each view pixel sampled."""
    rows, cols = np.mgrid[0:h, 0:w].astype(np.float32)
    return np.stack([cols, rows], axis=-1)


def _resampled(results):
    maps = []
    for v in range(2):
        view = torch.from_numpy(results['img'][v]).permute(2, 0, 1)[None]
        grid = torch.from_numpy(results['overlap_grids'][v])[None]
        maps.append(sample_overlap(view, grid)[0].permute(1, 2, 0).numpy())
    return maps


@settings(max_examples=60, deadline=None)
@given(
    seed=st.integers(0, 2**31 - 1),
    crop_size=st.integers(24, 96),
    min_scale=st.floats(0.3, 1.0))
def test_both_views_resample_to_the_same_ground(seed, crop_size, min_scale):
    """Random crops of both views, flips and quarter turns of both views:
    the two resampled maps agree, and show the grid's source coordinates.

    Within about one zoom step of the overlap's border a view has no pixel
    centre on the far side (cv2 replicates the crop border there), so the
    comparison keeps points at least ``zoom + 1`` source px inside.
    """
    np.random.seed(seed)
    views = GLCViews(
        crop_size=crop_size, scale=(min_scale, 1.0), geometric_views=(0, 1),
        flip_prob=(0.25, 0.25, 0.25), rot_prob=1.0,
        view_transforms=((), ()), num_windows=0)
    results = OverlapGrids(grid_size=GRID, min_overlap=4)(
        views(dict(img=coordinate_image(TILE, TILE))))
    box = overlap_box(results['view_params'])
    valid = bool(results['overlap_valid'][0])
    assert valid == (box is not None
                     and min(box[2] - box[0], box[3] - box[1]) >= 4)
    if not valid:
        return
    map1, map2 = _resampled(results)
    x1, y1, x2, y2 = box
    expected = box_grid((x1 + 0.5, y1 + 0.5, x2 - 0.5, y2 - 0.5),
                        (GRID, GRID))
    zoom = max((p['crop'][2] - p['crop'][0]) / p['size'][1]
               for p in results['view_params'])
    zoom = max([zoom] + [(p['crop'][3] - p['crop'][1]) / p['size'][0]
                         for p in results['view_params']])
    margin = zoom + 1
    inside = ((expected[..., 0] >= x1 + margin)
              & (expected[..., 0] <= x2 - 1 - margin)
              & (expected[..., 1] >= y1 + margin)
              & (expected[..., 1] <= y2 - 1 - margin))
    np.testing.assert_allclose(map1[inside], map2[inside], atol=2e-3)
    np.testing.assert_allclose(map1[inside], expected[inside], atol=2e-3)


def test_identical_unflipped_views_agree_everywhere():
    """Same crop, one view rotated and flipped: every grid point matches."""
    np.random.seed(0)
    img = coordinate_image(TILE, TILE)
    params = [
        dict(crop=(8, 4, 56, 52), size=(48, 48), flip=None, rot90=0),
        dict(crop=(8, 4, 56, 52), size=(48, 48), flip='horizontal',
             rot90=3),
    ]
    views = [np.rot90(img[4:52, 8:56], 0),
             np.rot90(img[4:52, 8:56][:, ::-1], 3)]
    results = OverlapGrids(grid_size=GRID)(
        dict(img=[np.ascontiguousarray(v) for v in views],
             view_params=params))
    map1, map2 = _resampled(results)
    np.testing.assert_allclose(map1, map2, atol=1e-4)
    expected = box_grid((8.5, 4.5, 55.5, 51.5), (GRID, GRID))
    np.testing.assert_allclose(map1, expected, atol=1e-4)


def test_disjoint_crops_are_invalid_and_partial_overlap_valid():
    base = dict(size=(32, 32), flip=None, rot90=0)
    disjoint = [dict(base, crop=(0, 0, 20, 20)),
                dict(base, crop=(30, 30, 60, 60))]
    out = OverlapGrids(grid_size=4, min_overlap=4)(
        dict(view_params=disjoint))
    assert not out['overlap_valid'][0]
    assert np.all(out['overlap_grids'] == 0)  # in-bounds dummy: centre
    thin = [dict(base, crop=(0, 0, 20, 20)), dict(base, crop=(17, 0, 40, 20))]
    out = OverlapGrids(grid_size=4, min_overlap=4)(dict(view_params=thin))
    assert not out['overlap_valid'][0]  # 3 px shared < min_overlap
    partial = [dict(base, crop=(0, 0, 20, 20)),
               dict(base, crop=(10, 5, 40, 40))]
    out = OverlapGrids(grid_size=4, min_overlap=4)(dict(view_params=partial))
    assert out['overlap_valid'][0]
    # Overlap (10, 5, 20, 20) seen from view 1: x in [10, 19] -> grid
    # coordinates inside the right half of view 1.
    gx = out['overlap_grids'][0, ..., 0]
    assert gx.min() > 0 and gx.max() < 1
