"""The reference fine-tuning warp against an affine map computed by hand."""
import math

import numpy as np
import pytest

from grsim_mm.datasets.transforms import RandomShiftScaleAspect

H, W = 20, 24


def _hand_source(x_out, y_out, sx, sy, dx, dy):
    """Where an output pixel comes from: the inverse of
    x' = sx * (x - cx) + cx + dx about the centre ((W - 1) / 2,
    (H - 1) / 2)."""
    cx, cy = (W - 1) / 2, (H - 1) / 2
    return (x_out - cx - dx) / sx + cx, (y_out - cy - dy) / sy + cy


def _bilinear(img, x, y, border):
    """Bilinear sample of an HWC image at (x, y) with a constant border."""
    padded = np.pad(img.astype(np.float64), ((1, 1), (1, 1), (0, 0)),
                    constant_values=border)
    x0, y0 = math.floor(x), math.floor(y)
    fx, fy = x - x0, y - y0
    if not (-1 <= x0 < W and -1 <= y0 < H):
        return np.full(img.shape[2], float(border))
    p = padded[y0 + 1:y0 + 3, x0 + 1:x0 + 3]
    return ((1 - fy) * ((1 - fx) * p[0, 0] + fx * p[0, 1]) + fy *
            ((1 - fx) * p[1, 0] + fx * p[1, 1]))


def _warp(img, label, params, **kwargs):
    t = RandomShiftScaleAspect(prob=1, **kwargs)
    t._random_params = lambda h, w: params
    return t(dict(img=img.copy(), gt_seg_map=label.copy(),
                  seg_fields=['gt_seg_map']))


@pytest.mark.parametrize('dtype', (np.uint8, np.uint16, np.float32))
def test_warp_matches_the_hand_affine(dtype):
    """Zoom 1.1 wide and 0.95 high, shift (3, -2): every output pixel holds
    the bilinear sample of the image (nearest of the label) at the source
    the hand map gives, for 5 bands of any dtype."""
    rng = np.random.default_rng(0)
    img = rng.integers(0, 250, (H, W, 5)).astype(dtype)
    label = rng.integers(0, 6, (H, W)).astype(np.uint8)
    sx, sy, dx, dy = 1.1, 0.95, 3, -2
    out = _warp(img, label, (sx, sy, dx, dy), img_border_value=7)
    assert out['img'].dtype == img.dtype and out['img'].shape == img.shape
    checked = 0
    for y in range(H):
        for x in range(W):
            xs, ys = _hand_source(x, y, sx, sy, dx, dy)
            # OpenCV quantises weights to 1/32: up to 250/32 on noise
            np.testing.assert_allclose(
                out['img'][y, x].astype(np.float64),
                _bilinear(img, xs, ys, 7), atol=8.5)
            # labels: the nearest source pixel, the ignore index outside
            if abs(xs % 1 - 0.5) < 1e-3 or abs(ys % 1 - 0.5) < 1e-3:
                continue  # a tie: either neighbour is right
            xn, yn = math.floor(xs + 0.5), math.floor(ys + 0.5)
            inside = 0 <= xn < W and 0 <= yn < H
            assert out['gt_seg_map'][y, x] == (label[yn, xn]
                                               if inside else 255)
            checked += 1
    assert checked > 0.85 * H * W  # two columns and a row are ties
    np.testing.assert_allclose(
        out['warp_matrix'],
        [[sx, 0, (W - 1) / 2 * (1 - sx) + dx],
         [0, sy, (H - 1) / 2 * (1 - sy) + dy]])


def test_warp_of_a_ramp_is_exact_inside():
    """A linear image stays linear under the affine map: inside, the output
    is the ramp at the hand-computed source, to OpenCV's 1/32 px (a centre
    half a pixel off, as the reference's, would be 0.56 off here)."""
    yy, xx = np.mgrid[0:H, 0:W].astype(np.float32)
    img = np.stack([10 * xx + 3 * yy, 50 - xx], axis=2)
    out = _warp(img, np.zeros((H, W), np.uint8), (0.9, 1.05, -2, 1))
    for y in range(2, H - 2):
        for x in range(2, W - 2):
            xs, ys = _hand_source(x, y, 0.9, 1.05, -2, 1)
            if not (0 <= xs <= W - 1 and 0 <= ys <= H - 1):
                continue
            np.testing.assert_allclose(out['img'][y, x],
                                       [10 * xs + 3 * ys, 50 - xs],
                                       atol=13 / 64 + 1e-3)


def test_draws_follow_the_reference():
    """scale and aspect within +-10 %, sx * sy = s^2, sx / sy = a, whole-pixel
    shifts within +-10 % of the side; about half the samples warped."""
    np.random.seed(0)
    t = RandomShiftScaleAspect()
    draws = [t._random_params(200, 300) for _ in range(2000)]
    warped = [d for d in draws if d is not None]
    assert 900 < len(warped) < 1100
    sx, sy, dx, dy = np.array(warped).T
    s, a = np.sqrt(sx * sy), sx / sy
    assert 0.9 <= s.min() and s.max() <= 1.1
    assert 0.9 <= a.min() and a.max() <= 1.1
    assert np.all(dx == np.round(dx)) and np.abs(dx).max() == 30
    assert np.abs(dy).max() == 20
    assert abs(s.mean() - 1) < 0.01


def test_not_warped_leaves_everything():
    img = np.arange(H * W * 4, dtype=np.uint16).reshape(H, W, 4)
    label = np.ones((H, W), np.uint8)
    out = RandomShiftScaleAspect(prob=0)(dict(img=img, gt_seg_map=label))
    assert out['img'] is img and out['gt_seg_map'] is label
    assert out['warp_matrix'] is None


def test_identity_parameters_keep_the_tile():
    rng = np.random.default_rng(1)
    img = rng.integers(0, 65535, (H, W, 13)).astype(np.int32)
    label = rng.integers(0, 6, (H, W)).astype(np.uint8)
    out = _warp(img, label, (1.0, 1.0, 0, 0))
    np.testing.assert_array_equal(out['img'], img)
    np.testing.assert_array_equal(out['gt_seg_map'], label)


def test_bad_arguments():
    with pytest.raises(ValueError, match='prob'):
        RandomShiftScaleAspect(prob=2)
    with pytest.raises(ValueError, match='scale and aspect'):
        RandomShiftScaleAspect(scale=1.5)
