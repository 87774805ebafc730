"""GLCViews: outputs, view construction, redraws and reproducibility."""
import numpy as np
import pytest
from view_strategies import coordinate_image

from grsim_mm.datasets.transforms.image_ops import (resize_bilinear,
                                                    value_range_of)
from grsim_mm.datasets.transforms.two_view.coordinate_maps import (
    nearest_pixel, view_to_source)
from grsim_mm.datasets.transforms.two_view.matched_windows import (
    window_candidates)
from grsim_mm.datasets.transforms.two_view.paired_views import GLCViews

NO_PHOTOMETRY = ((), ())


def tile(channels, dtype, size=256, seed=0):
    lo, hi = value_range_of(dtype)
    rng = np.random.default_rng(seed)
    return rng.uniform(lo, hi, (size, size, channels)).astype(dtype)


@pytest.mark.parametrize('channels', [3, 4, 10, 13])
@pytest.mark.parametrize('dtype', [np.uint8, np.uint16, np.float32])
def test_outputs_for_any_bands_and_dtype(channels, dtype):
    img = tile(channels, dtype)
    np.random.seed(channels)
    results = GLCViews()(dict(img=img, value_range=value_range_of(dtype)))
    views = results['img']
    assert len(views) == 2
    for view in views:
        assert view.shape == (224, 224, channels) and view.dtype == dtype
        assert view.flags.c_contiguous
    assert results['img_shape'] == (224, 224)
    windows, valid = results['windows'], results['window_valid']
    assert windows.dtype == np.float32 and windows.shape == (4, 2, 4)
    assert valid.dtype == bool and valid.tolist() == [True] * 4
    assert ((windows[..., 2:] - windows[..., :2]) == 48).all()
    assert windows.min() >= 0 and windows.max() <= 224
    for p in results['view_params']:
        assert set(p) == {'crop', 'size', 'flip', 'rot90'}
        assert all(type(c) is int for c in p['crop'])
        assert p['size'] == (224, 224) and type(p['rot90']) is int
    # View 1 gets the crop only (reference asymmetry): it is the bilinear
    # resize of its crop.
    x1, y1, x2, y2 = results['view_params'][0]['crop']
    assert results['view_params'][0]['flip'] is None
    assert results['view_params'][0]['rot90'] == 0
    expected = resize_bilinear(img[y1:y2, x1:x2], (224, 224))
    np.testing.assert_array_equal(views[0], expected)


def test_view2_is_flipped_rotated_crop():
    img = tile(4, np.uint8)
    transform = GLCViews(view_transforms=NO_PHOTOMETRY)
    seen = set()
    for seed in range(40):
        np.random.seed(seed)
        results = transform(dict(img=img))
        p = results['view_params'][1]
        x1, y1, x2, y2 = p['crop']
        expected = resize_bilinear(img[y1:y2, x1:x2], (224, 224))
        axes = {None: (), 'horizontal': (1, ), 'vertical': (0, ),
                'diagonal': (0, 1)}[p['flip']]
        expected = np.rot90(np.flip(expected, axes), p['rot90'])
        np.testing.assert_array_equal(results['img'][1], expected)
        seen.add((p['flip'], p['rot90']))
    assert len(seen) > 8


def test_windows_match_on_coordinate_image():
    # End to end: the windows' centres show the same source pixel.
    img = coordinate_image(256, 256)
    transform = GLCViews(view_transforms=NO_PHOTOMETRY)
    for seed in range(20):
        np.random.seed(seed)
        results = transform(dict(img=img))
        pixels = []
        for v in range(2):
            centre = results['windows'][:, v, :2] + 23.5
            pixels.append(nearest_pixel(
                view_to_source(centre, results['view_params'][v])))
            view = results['img'][v]
            origins = results['windows'][:, v, :2].astype(int)
            for p, (x, y) in enumerate(origins):
                value = view[y + 23:y + 25, x + 23:x + 25].mean(axis=(0, 1))
                assert (np.abs(value - pixels[0][p]) <= 0.5 + 1e-3).all()
        np.testing.assert_array_equal(pixels[0], pixels[1])


def test_crop_statistics():
    transform = GLCViews(view_transforms=NO_PHOTOMETRY, num_windows=0)
    np.random.seed(0)
    areas, aspects = [], []
    for _ in range(300):
        for x1, y1, x2, y2 in (transform._random_crop(256, 256), ):
            assert 0 <= x1 < x2 <= 256 and 0 <= y1 < y2 <= 256
            areas.append((x2 - x1) * (y2 - y1) / 256**2)
            aspects.append((x2 - x1) / (y2 - y1))
    assert 0.39 < min(areas) and max(areas) <= 1.
    assert 0.7 < min(aspects) and max(aspects) < 1 / 0.7
    # Width and height are swapped half of the time: aspect symmetric in log.
    assert abs(np.mean(np.log(aspects))) < 0.02


def test_geometric_probabilities():
    img = tile(4, np.uint8, size=64)
    none = GLCViews(crop_size=32, window_size=8, flip_prob=(0., 0., 0.),
                    rot_prob=0., view_transforms=NO_PHOTOMETRY)
    always = GLCViews(crop_size=32, window_size=8, flip_prob=(0., 1., 0.),
                      rot_prob=1., rot_choices=(3, ),
                      view_transforms=NO_PHOTOMETRY)
    both = GLCViews(crop_size=32, window_size=8, geometric_views=(0, 1),
                    flip_prob=(1., 0., 0.), rot_prob=1., rot_choices=(1, ),
                    view_transforms=NO_PHOTOMETRY)
    np.random.seed(0)
    for _ in range(10):
        p = none(dict(img=img))['view_params']
        assert [(v['flip'], v['rot90']) for v in p] == [(None, 0)] * 2
        p = always(dict(img=img))['view_params']
        assert [(v['flip'], v['rot90']) for v in p] == [(None, 0),
                                                       ('vertical', 3)]
        p = both(dict(img=img))['view_params']
        assert [(v['flip'], v['rot90']) for v in p] == [('horizontal', 1)] * 2
    # The reference's 5-way flip: h, v, both, none, none.
    default = GLCViews(view_transforms=NO_PHOTOMETRY)
    flips = [default._random_flip() for _ in range(2000)]
    for direction, expected in [('horizontal', 0.2), ('vertical', 0.2),
                                ('diagonal', 0.2), (None, 0.4)]:
        assert abs(flips.count(direction) / 2000 - expected) < 0.04


def test_photometry_only_on_view2_by_default():
    img = tile(4, np.uint8)
    transform = GLCViews(view_transforms=((), [dict(type='RandomGrey',
                                                    prob=1.)]))
    np.random.seed(0)
    views = transform(dict(img=img))['img']
    assert not (views[0][..., :1] == views[0]).all()
    assert (views[1][..., :1] == views[1]).all()


def test_small_overlap_redraws_then_masks():
    # Crops of 3-4% of the tile rarely overlap; redraws fix most samples,
    # and without redraws the pairs are flagged instead of crashing.
    img = tile(4, np.uint8, size=128)
    kwargs = dict(crop_size=32, window_size=16, scale=(0.03, 0.04),
                  view_transforms=NO_PHOTOMETRY)
    strict = GLCViews(max_redraws=0, **kwargs)
    patient = GLCViews(max_redraws=200, **kwargs)
    valid = {'strict': [], 'patient': []}
    for seed in range(30):
        for name, transform in [('strict', strict), ('patient', patient)]:
            np.random.seed(seed)
            results = transform(dict(img=img))
            ok = results['window_valid']
            assert ok.all() or not ok.any()
            cand_x, cand_y = window_candidates(results['view_params'], 16)
            assert ok.all() == (len(cand_x) * len(cand_y) > 0)
            if not ok.any():
                np.testing.assert_array_equal(
                    results['windows'], np.tile([0, 0, 16, 16], (4, 2, 1)))
            valid[name].append(ok.all())
    assert sum(valid['strict']) < 15
    assert all(valid['patient'])


def test_tiny_tile_never_crashes():
    img = tile(3, np.uint16, size=5)
    np.random.seed(0)
    for _ in range(20):
        results = GLCViews(crop_size=64, window_size=48)(
            dict(img=img, value_range=(0, 65535)))
        assert results['img'][0].shape == (64, 64, 3)
        assert results['window_valid'].shape == (4, )


def test_no_windows():
    results = GLCViews(num_windows=0)(dict(img=tile(4, np.uint8)))
    assert results['windows'].shape == (0, 2, 4)
    assert results['window_valid'].shape == (0, )


def test_seeded_runs_repeat():
    img = tile(4, np.uint8)
    transform = GLCViews()

    def run(seed):
        np.random.seed(seed)
        return [transform(dict(img=img)) for _ in range(3)]

    a, b, c = run(7), run(7), run(8)
    for ra, rb in zip(a, b):
        for v in range(2):
            np.testing.assert_array_equal(ra['img'][v], rb['img'][v])
        np.testing.assert_array_equal(ra['windows'], rb['windows'])
        assert ra['view_params'] == rb['view_params']
    assert any(ra['view_params'] != rc['view_params'] for ra, rc in zip(a, c))


def test_invalid_config():
    with pytest.raises(ValueError):
        GLCViews(window_size=300)
    with pytest.raises(ValueError):
        GLCViews(flip_prob=(0.5, 0.5, 0.5))
    with pytest.raises(ValueError):
        GLCViews(view_transforms=((), ))


def test_registered_and_packed():
    from mmpretrain.datasets.transforms import PackInputs
    from mmpretrain.registry import TRANSFORMS as PRETRAIN
    from mmseg.registry import TRANSFORMS as SEG

    for name in ('SpectralJitter', 'RandomGrey', 'RandomGaussianBlur',
                 'RandomRot90'):
        assert PRETRAIN.get(name) is SEG.get(name) is not None
    transform = PRETRAIN.build(
        dict(type='GLCViews', view_transforms=((), [dict(type='RandomGrey')])))
    assert isinstance(transform, GLCViews)
    np.random.seed(0)
    results = transform(dict(img=tile(4, np.uint8)))
    packed = PackInputs(algorithm_keys=['windows', 'window_valid'],
                        meta_keys=['view_params'])(dict(results))
    inputs = packed['inputs']
    assert [tuple(x.shape) for x in inputs] == [(4, 224, 224)] * 2
    np.testing.assert_array_equal(inputs[1].permute(1, 2, 0).numpy(),
                                  results['img'][1])
    sample = packed['data_samples']
    np.testing.assert_array_equal(sample.windows, results['windows'])
    np.testing.assert_array_equal(sample.window_valid, [True] * 4)
    assert sample.view_params == results['view_params']
