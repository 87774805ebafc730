"""The view <-> source coordinate maps against rendered views."""
import cv2
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from view_strategies import coordinate_image, view_params

from grsim_mm.datasets.transforms.image_ops import flip, resize_bilinear, rot90
from grsim_mm.datasets.transforms.two_view.coordinate_maps import (
    box_grid, nearest_pixel, overlap_box, source_to_grid, source_to_view,
    source_to_view_matrix, view_shape, view_to_source, view_to_source_matrix)


def render(img, params):
    """Independent reference of the view construction, in plain numpy for
    the flip and rotation."""
    x1, y1, x2, y2 = params['crop']
    view = resize_bilinear(img[y1:y2, x1:x2], params['size'])
    if params['flip'] in ('horizontal', 'diagonal'):
        view = view[:, ::-1]
    if params['flip'] in ('vertical', 'diagonal'):
        view = view[::-1]
    return np.rot90(view, params['rot90'])


def view_pixels(params):
    h, w = view_shape(params)
    rows, cols = np.mgrid[0:h, 0:w]
    return np.stack([cols, rows], axis=-1).astype(np.float64)


@settings(max_examples=60, deadline=None)
@given(data=st.data(), h=st.integers(8, 96), w=st.integers(8, 96))
def test_maps_match_unzoomed_view_exactly(data, h, w):
    # Without zoom every view pixel is a source pixel, so the map must give
    # its integer coordinates exactly (catches flip / rotation conventions).
    crop = data.draw(view_params(h, w))['crop']
    params = data.draw(view_params(h, w, size=(crop[3] - crop[1],
                                               crop[2] - crop[0])))
    params['crop'] = crop
    view = render(coordinate_image(h, w), params)
    src = view_to_source(view_pixels(params), params)
    np.testing.assert_array_equal(src, view.astype(np.float64))


@settings(max_examples=60, deadline=None)
@given(data=st.data(), h=st.integers(8, 300), w=st.integers(8, 300))
def test_maps_match_bilinear_view(data, h, w):
    # A bilinear view of a linear ramp equals the mapped coordinates; cv2
    # replicates the crop border, hence the clip to the crop's pixel centres.
    params = data.draw(view_params(h, w))
    view = render(coordinate_image(h, w), params)
    x1, y1, x2, y2 = params['crop']
    expected = np.clip(view_to_source(view_pixels(params), params),
                       [x1, y1], [x2 - 1, y2 - 1])
    np.testing.assert_allclose(view, expected, rtol=0, atol=2e-3)


@settings(max_examples=100, deadline=None)
@given(data=st.data())
def test_maps_are_inverse(data):
    params = data.draw(view_params(300, 200))
    fwd, inv = view_to_source_matrix(params), source_to_view_matrix(params)
    np.testing.assert_allclose(fwd @ inv, np.eye(3), atol=1e-12)
    points = data.draw(st.lists(st.tuples(st.floats(-50, 350),
                                          st.floats(-50, 350)),
                                min_size=1, max_size=5))
    back = source_to_view(view_to_source(np.array(points), params), params)
    np.testing.assert_allclose(back, np.array(points), atol=1e-9)


def test_hand_computed_map():
    # Crop of 112 x 56 px at (10, 20) zoomed to 224 x 224 (2x in x, 4x in
    # y): view x = 0 samples source 10 + 0.5 * 0.5 - 0.5 = 9.75 (cv2's
    # pixel-centre convention), view y = 0 samples 20 + 0.5 / 4 - 0.5.
    params = dict(crop=(10, 20, 122, 76), size=(224, 224), flip=None, rot90=0)
    np.testing.assert_allclose(view_to_source([0., 0.], params),
                               [9.75, 19.625])
    np.testing.assert_allclose(view_to_source([223., 223.], params),
                               [121.25, 75.375])
    # Rotating counter-clockwise once puts view pixel (x=0, y=0) on the
    # pre-rotation top-right pixel (x=223, y=0).
    params['rot90'] = 1
    np.testing.assert_allclose(view_to_source([0., 0.], params),
                               [121.25, 19.625])
    params['flip'] = 'vertical'
    np.testing.assert_allclose(view_to_source([0., 0.], params),
                               [121.25, 75.375])
    assert nearest_pixel([2.5, -0.5, 2.49]).tolist() == [3, 0, 2]


def test_overlap_and_grid():
    a = dict(crop=(0, 10, 100, 90), size=(50, 50), flip=None, rot90=0)
    b = dict(crop=(40, 0, 140, 60), size=(50, 50), flip=None, rot90=1)
    assert overlap_box([a, b]) == (40, 10, 100, 60)
    c = dict(crop=(100, 0, 120, 20), size=(50, 50), flip=None, rot90=0)
    assert overlap_box([a, c]) is None
    grid = box_grid((40, 10, 100, 60), (5, 6))
    assert grid.shape == (5, 6, 2)
    np.testing.assert_allclose(grid[0, :, 0], 40 + 10 * np.arange(6) + 4.5)
    np.testing.assert_allclose(grid[:, 0, 1], 10 + 10 * np.arange(5) + 4.5)


@settings(max_examples=40, deadline=None)
@given(data=st.data())
def test_source_to_grid_resamples_views(data):
    # SSCCL's use: pull every view onto a common grid over the overlap with
    # grid_sample; both views must then show the same source points.
    torch = pytest.importorskip('torch')
    import torch.nn.functional as F
    h, w = 120, 150
    img = coordinate_image(h, w)
    params = [data.draw(view_params(h, w, min_side=20)) for _ in range(2)]
    if overlap_box(params) is None:
        return
    # Bilinear resampling of the views is exact between the source positions
    # of view pixel centres that cv2 did not clamp to the crop border.
    lo, hi = np.full(2, -np.inf), np.full(2, np.inf)
    for p in params:
        src = view_to_source(view_pixels(p), p).reshape(-1, 2)
        x1, y1, x2, y2 = p['crop']
        inside = ((src >= [x1, y1]) & (src <= [x2 - 1, y2 - 1])).all(axis=1)
        lo = np.maximum(lo, src[inside].min(axis=0))
        hi = np.minimum(hi, src[inside].max(axis=0))
    if (hi <= lo).any():
        return
    points = box_grid((lo[0] + 0.5, lo[1] + 0.5, hi[0] + 0.5, hi[1] + 0.5),
                      (7, 9))
    for p in params:
        view = torch.from_numpy(np.ascontiguousarray(render(img, p)))
        grid = torch.from_numpy(source_to_grid(points, p)).float()
        out = F.grid_sample(view.permute(2, 0, 1)[None], grid[None],
                            mode='bilinear', align_corners=False)
        np.testing.assert_allclose(out[0].permute(1, 2, 0).numpy(), points,
                                   atol=2e-3)


@pytest.mark.parametrize('channels', [1, 3, 4, 5, 10, 13])
@pytest.mark.parametrize('dtype', [np.uint8, np.uint16, np.float32])
def test_image_ops_any_band_count(channels, dtype):
    rng = np.random.default_rng(channels)
    img = rng.integers(0, 250, (20, 30, channels)).astype(dtype)
    for direction, axes in [('horizontal', (1, )), ('vertical', (0, )),
                            ('diagonal', (0, 1))]:
        np.testing.assert_array_equal(flip(img, direction),
                                      np.flip(img, axes))
    for k in range(4):
        out = rot90(img, k)
        assert out.flags.c_contiguous
        np.testing.assert_array_equal(out, np.rot90(img, k))
    # Band-by-band resizes are the independent reference; OpenCV's
    # multi-band kernels may round differently (one level, float32 ulps).
    out = resize_bilinear(img[2:17, 3:25], (32, 40))
    assert out.shape == (32, 40, channels) and out.dtype == dtype
    for b in range(channels):
        band = np.ascontiguousarray(img[2:17, 3:25, b])
        expected = cv2.resize(band, (40, 32), interpolation=cv2.INTER_LINEAR)
        np.testing.assert_allclose(out[..., b], expected, rtol=0,
                                   atol=1 if dtype != np.float32 else 1e-3)
