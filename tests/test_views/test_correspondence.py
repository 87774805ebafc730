"""Matched window pairs: same source pixel, inside both views, spread out."""
import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from view_strategies import coordinate_image, view_params

from grsim_mm.datasets.transforms.two_view.coordinate_maps import (
    nearest_pixel, view_shape, view_to_source)
from grsim_mm.datasets.transforms.two_view.matched_windows import (
    sample_window_pairs, window_candidates)
from grsim_mm.datasets.transforms.two_view.paired_views import GLCViews


def centres(windows, window_size):
    """Geometric window centres in pixel-centre coordinates."""
    return windows[..., :2].astype(np.float64) + (window_size - 1) / 2


def centre_patch(window, window_size):
    """Pixel coordinates (x, y) of the centre pixel of an odd window, or of
    the central 2x2 pixels of an even one (whose mean is the bilinear value
    at the geometric centre)."""
    x1, y1 = int(window[0]), int(window[1])
    lo, hi = (window_size - 1) // 2, window_size // 2 + 1
    xs, ys = np.meshgrid(np.arange(x1 + lo, x1 + hi),
                         np.arange(y1 + lo, y1 + hi))
    return np.stack([xs.ravel(), ys.ravel()], axis=-1)


@settings(max_examples=80, deadline=None)
@given(data=st.data(),
       h=st.integers(48, 300),
       w=st.integers(48, 300),
       size=st.integers(48, 224),
       window_size=st.sampled_from([5, 8, 16, 48]),
       num_windows=st.integers(1, 6),
       seed=st.integers(0, 2**31 - 1))
def test_pairs_share_their_source_pixel(data, h, w, size, window_size,
                                        num_windows, seed):
    params = [
        data.draw(view_params(h, w, size=(size, size), min_side=16))
        for _ in range(2)
    ]
    np.random.seed(seed)
    windows, valid = sample_window_pairs(params, num_windows, window_size)
    assert windows.dtype == np.float32 and windows.shape == (num_windows, 2, 4)
    assert valid.dtype == bool and valid.shape == (num_windows, )
    cand_x, cand_y = window_candidates(params, window_size)
    has_candidates = len(cand_x) > 0 and len(cand_y) > 0
    assert valid.all() == has_candidates and valid.any() == has_candidates
    # Every window, valid or not, is a window_size square inside its view.
    np.testing.assert_array_equal(windows[..., 2:] - windows[..., :2],
                                  window_size)
    for v in range(2):
        h_v, w_v = view_shape(params[v])
        assert (windows[:, v, :2] >= 0).all()
        assert (windows[:, v, 2] <= w_v).all()
        assert (windows[:, v, 3] <= h_v).all()
    if not has_candidates:
        return
    img = coordinate_image(h, w)
    for v in range(2):
        # Exactly, through the maps ...
        src = view_to_source(centres(windows[:, v], window_size), params[v])
        pixel = nearest_pixel(src)
        if v == 0:
            pixel0 = pixel
        np.testing.assert_array_equal(pixel, pixel0)
        # ... and on the rendered image, whose bands hold the source
        # coordinates: the centres show the same pixel up to resampling
        # (cv2 replicates the crop border under strong zoom).
        view = GLCViews._render(img, params[v])
        x1, y1, x2, y2 = params[v]['crop']
        for p in range(num_windows):
            patch = centre_patch(windows[p, v], window_size)
            value = view[patch[:, 1], patch[:, 0]].mean(axis=0)
            expected = np.clip(view_to_source(patch, params[v]), [x1, y1],
                               [x2 - 1, y2 - 1]).mean(axis=0)
            np.testing.assert_allclose(value, expected, atol=2e-3)
            assert (np.abs(value - pixel0[p]) <= 0.5 + 2e-3).all()


def brute_force_free(params, window_size, taken):
    """All candidate view-1 origins whose window centre lies outside the
    view-1 windows with origins ``taken``, by enumerating the grid."""
    cand_x, cand_y = window_candidates(params, window_size)
    ix, iy = np.meshgrid(np.arange(len(cand_x)), np.arange(len(cand_y)))
    origins = np.zeros(ix.shape + (2, ))
    origins[..., cand_x.view_axes[0]] = cand_x.origins[0][ix]
    origins[..., cand_y.view_axes[0]] = cand_y.origins[0][iy]
    centre = origins + (window_size - 1) / 2
    free = np.ones(ix.shape, dtype=bool)
    for o in taken:
        free &= ~((o <= centre) & (centre <= o + window_size - 1)).all(-1)
    return set(map(tuple, origins[free].tolist()))


@settings(max_examples=40, deadline=None)
@given(data=st.data(), seed=st.integers(0, 2**31 - 1))
def test_later_windows_avoid_earlier_ones(data, seed):
    # Small views make the exclusion bite, so both the rejection draw and
    # the exact fallback (and the repeat rule) are exercised.
    params = [data.draw(view_params(90, 90, size=(64, 64), min_side=40))
              for _ in range(2)]
    window_size = 16
    np.random.seed(seed)
    windows, valid = sample_window_pairs(params, 6, window_size)
    if not valid.any():
        return
    taken = []
    for p in range(6):
        free = brute_force_free(params, window_size, taken)
        origin = tuple(windows[p, 0, :2].astype(float))
        if free:
            assert origin in free
        taken.append(np.array(origin))


def test_repeats_only_when_nothing_else_remains():
    # Views of 50 px with 48 px windows: 3 x 3 candidates, all within one
    # window of each other, so after the first pick only repeats are left.
    params = [dict(crop=(0, 0, 50, 50), size=(50, 50), flip=None, rot90=0),
              dict(crop=(0, 0, 50, 50), size=(50, 50), flip='diagonal',
                   rot90=1)]
    np.random.seed(0)
    windows, valid = sample_window_pairs(params, 4, 48)
    assert valid.all()
    assert set(windows[:, 0, :2].ravel().tolist()) <= {0., 1., 2.}
    src0 = view_to_source(centres(windows[:, 0], 48), params[0])
    src1 = view_to_source(centres(windows[:, 1], 48), params[1])
    np.testing.assert_array_equal(nearest_pixel(src0), nearest_pixel(src1))


def test_first_pick_is_uniform():
    # 3 x 3 candidates (see above); 1800 first picks, chi-square with 8
    # degrees of freedom below its 0.999 quantile (26.1).
    params = [dict(crop=(0, 0, 50, 50), size=(50, 50), flip=None, rot90=0)] * 2
    candidates = window_candidates(params, 48)
    np.random.seed(1)
    counts = np.zeros((3, 3))
    for _ in range(1800):
        windows, _ = sample_window_pairs(params, 1, 48, candidates)
        counts[int(windows[0, 0, 1]), int(windows[0, 0, 0])] += 1
    chi2 = ((counts - 200)**2 / 200).sum()
    assert chi2 < 26.1


def test_no_overlap_gives_invalid_pairs():
    params = [dict(crop=(0, 0, 100, 100), size=(224, 224), flip=None, rot90=0),
              dict(crop=(150, 0, 256, 100), size=(224, 224), flip=None,
                   rot90=2)]
    windows, valid = sample_window_pairs(params, 4, 48)
    assert not valid.any()
    np.testing.assert_array_equal(windows,
                                  np.tile([0, 0, 48, 48], (4, 2, 1)))
    # A sliver of overlap thinner than the window margin has no candidates
    # either: the centre must be 23.5 view px (about 10 source px) inside.
    params[1]['crop'] = (95, 0, 200, 100)
    windows, valid = sample_window_pairs(params, 4, 48)
    assert not valid.any()


def test_downscaled_views_skip_source_pixels():
    # A 300 px crop shown in 200 px covers only 2 of every 3 source pixels
    # with pixel centres; skipped pixels cannot be candidates.
    params = [dict(crop=(0, 0, 300, 300), size=(200, 200), flip=None,
                   rot90=0)] * 2
    cand_x, _ = window_candidates(params, 2)
    # Origins 0..198 -> centres o + 0.5 -> source 1.5 * (o + 0.5) + 0.25.
    expected = np.floor(1.5 * np.arange(199) + 1.0 + 0.5)
    np.testing.assert_array_equal(cand_x.pixels, expected)
    assert len(cand_x) == 199


def test_unzoomed_views_keep_every_origin():
    # Without zoom an even window's centre sits on a pixel corner; every
    # valid origin must still give its own candidate (ties broken alike in
    # both directions).
    params = [dict(crop=(3, 5, 103, 105), size=(100, 100), flip=None,
                   rot90=0),
              dict(crop=(3, 5, 103, 105), size=(100, 100), flip='horizontal',
                   rot90=3)]
    cand_x, cand_y = window_candidates(params, 48)
    # Origins 0..52 have centres 23.5..75.5, i.e. source 3 + 24..3 + 76.
    np.testing.assert_array_equal(cand_x.pixels, 3 + np.arange(24, 77))
    np.testing.assert_array_equal(cand_y.pixels, 5 + np.arange(24, 77))
    np.testing.assert_array_equal(cand_x.origins[0], np.arange(53))
