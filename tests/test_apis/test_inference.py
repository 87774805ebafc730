"""Sliding-window scene inference: geometry, blending, memory, errors."""
import os.path as osp

import numpy as np
import pytest
import rasterio
import torch
from mmengine.config import Config
from mmseg.apis import inference_model
from PIL import Image

from grsim_mm.apis import (NODATA_LABEL, blend_profile,
                           dataset_meta_from_config, find_scenes,
                           init_segmentor, predict_scene, read_class_names,
                           window_starts)

from inference_helpers import (CRS_UTM32N, PALETTE, TRANSFORM,
                               linear_segmentor, random_scene,
                               tiny_resnet_segmentor, write_scene)


def softmax(logits: np.ndarray) -> np.ndarray:
    e = np.exp(logits - logits.max(axis=0))
    return e / e.sum(axis=0)


def read(path):
    with rasterio.open(path) as src:
        return src.read()


def test_window_starts():
    assert window_starts(10, 4, 1) == [0, 3, 6]
    # The last window is moved back to end flush with the border.
    assert window_starts(11, 4, 1) == [0, 3, 6, 7]
    assert window_starts(8, 4, 0) == [0, 4]
    assert window_starts(3, 4, 1) == [0]
    with pytest.raises(ValueError, match='overlap'):
        window_starts(10, 4, 4)
    # Only one window fits: the overlap does not matter.
    assert window_starts(100, 100, 128) == [0]


def test_blend_profile():
    # Tent over 4 pixel centres at -1.5, -0.5, 0.5, 1.5 from the middle.
    np.testing.assert_allclose(
        blend_profile(4, 'linear'), [0.25, 0.75, 0.75, 0.25])
    sigma = 8 / 8
    np.testing.assert_allclose(
        blend_profile(8, 'gaussian'),
        np.exp(-0.5 * ((np.arange(8) - 3.5) / sigma)**2), rtol=1e-6)
    np.testing.assert_array_equal(blend_profile(3, 'uniform'), np.ones(3))
    with pytest.raises(ValueError, match='blend'):
        blend_profile(4, 'cosine')


def test_output_keeps_georeference_and_nodata(tmp_path, tiny_model):
    scene = np.maximum(random_scene(70, 90), 1)
    scene[:, :20, :25] = 0  # nodata in every band
    scene[0, 40:45, 40:45] = 0  # nodata in one band only: still valid
    in_path = write_scene(tmp_path / 'scene.tif', scene, nodata=0)
    out_path = str(tmp_path / 'map.tif')
    result = predict_scene(tiny_model, in_path, out_path, window=32,
                           overlap=8, batch_size=3, progress=False)
    # 70 rows: starts 0, 24, 38; 90 cols: 0, 24, 48, 58.
    assert result == dict(height=70, width=90, windows=12)
    with rasterio.open(out_path) as dst:
        assert dst.crs == CRS_UTM32N
        assert dst.transform == TRANSFORM
        assert (dst.count, dst.height, dst.width) == (1, 70, 90)
        assert dst.dtypes == ('uint8', )
        assert dst.nodata == NODATA_LABEL
        assert dst.compression.name == 'lzw'
        assert dst.is_tiled and dst.block_shapes == [(256, 256)]
        colormap = dst.colormap(1)
        labels = dst.read(1)
    for i, colour in enumerate(PALETTE):
        assert colormap[i] == (*colour, 255)
    assert colormap[NODATA_LABEL] == (0, 0, 0, 0)
    # The class names travel inside the map, as band metadata.
    assert read_class_names(out_path) == {0: 'a', 1: 'b', 2: 'c'}
    nodata = (scene == 0).all(axis=0)
    np.testing.assert_array_equal(labels == NODATA_LABEL, nodata)
    assert nodata.sum() == 20 * 25
    assert set(np.unique(labels[~nodata])) <= {0, 1, 2}


@pytest.mark.parametrize('shape', [(64, 64), (50, 60)])
def test_single_window_equals_mmseg_whole_inference(
        tmp_path, tiny_model, shape):
    scene = random_scene(*shape, seed=1)
    in_path = write_scene(tmp_path / 'scene.tif', scene)
    out_path = str(tmp_path / 'map.tif')
    predict_scene(tiny_model, in_path, out_path, window=64, overlap=0,
                  progress=False)
    expected = inference_model(tiny_model, scene.transpose(1, 2, 0))
    expected = expected.pred_sem_seg.data[0].numpy()
    assert len(np.unique(expected)) > 1  # a meaningful comparison
    np.testing.assert_array_equal(read(out_path)[0], expected)


def test_uniform_blend_equals_mmseg_slide_inference(tmp_path):
    model = tiny_resnet_segmentor(
        test_cfg=dict(mode='slide', crop_size=(32, 32), stride=(20, 20)))
    scene = random_scene(70, 90, seed=2)
    in_path = write_scene(tmp_path / 'scene.tif', scene)
    out_path = str(tmp_path / 'map.tif')
    predict_scene(model, in_path, out_path, window=32, overlap=12,
                  blend='uniform', batch_size=5, progress=False)
    expected = inference_model(model, scene.transpose(1, 2, 0))
    expected = expected.pred_sem_seg.data[0].numpy()
    assert len(np.unique(expected)) > 1
    np.testing.assert_array_equal(read(out_path)[0], expected)


@pytest.mark.parametrize('blend', ['gaussian', 'linear'])
def test_constant_logits_give_constant_map(tmp_path, blend):
    bias = [0.1, 0.5, 0.2]
    model = linear_segmentor(np.zeros((3, 4)), bias)
    scene = random_scene(75, 81, seed=3)
    in_path = write_scene(tmp_path / 'scene.tif', scene)
    out_path, probs_path = str(tmp_path / 'map.tif'), str(tmp_path / 'p.tif')
    predict_scene(model, in_path, out_path, window=32, overlap=10,
                  blend=blend, probs_path=probs_path, progress=False)
    assert (read(out_path) == 1).all()
    probs = read(probs_path)
    expected = softmax(np.array(bias))[:, None, None]
    np.testing.assert_allclose(probs, np.broadcast_to(expected, probs.shape),
                               atol=1e-3)


@pytest.mark.parametrize('height, width', [(100, 90), (15, 90), (70, 20)])
def test_blended_logits_follow_position(tmp_path, height, width):
    """Logits that are a function of the scene position come out exactly,
    wherever windows overlap, however the strips are shifted, and when the
    scene is narrower than a window along one axis."""
    rows, cols = np.mgrid[0:height, 0:width].astype(np.float32)
    scene = np.stack([cols / width, rows / height, np.ones_like(rows)])
    weight = [[4.0, 0.0, 0.0], [0.0, 4.0, 0.0], [-2.0, -2.0, 0.0]]
    bias = [0.0, 0.0, 1.0]
    model = linear_segmentor(weight, bias)
    in_path = write_scene(tmp_path / 'scene.tif', scene, nodata=None)
    out_path, probs_path = str(tmp_path / 'map.tif'), str(tmp_path / 'p.tif')
    predict_scene(model, in_path, out_path, window=24, overlap=7,
                  blend='gaussian', batch_size=2, probs_path=probs_path,
                  progress=False)
    logits = np.einsum('cb,bhw->chw', np.array(weight), scene) + \
        np.array(bias)[:, None, None]
    np.testing.assert_allclose(read(probs_path), softmax(logits), atol=1e-3)
    np.testing.assert_array_equal(read(out_path)[0], logits.argmax(axis=0))


def test_overlapping_windows_are_weighted(tmp_path):
    """Each window predicts one constant (its mean column): the map is the
    tent-weighted average of the windows covering each pixel."""
    height, width, window, overlap = 10, 20, 8, 4
    cols = np.broadcast_to(np.arange(width, dtype=np.float32),
                           (height, width))
    scene = cols[None].copy()
    model = linear_segmentor([[0.1], [0.0]], [0.0, 0.0],
                             backbone='WindowMeanTestBackbone')
    in_path = write_scene(tmp_path / 'scene.tif', scene)
    out_path, probs_path = str(tmp_path / 'map.tif'), str(tmp_path / 'p.tif')
    predict_scene(model, in_path, out_path, window=window, overlap=overlap,
                  blend='linear', probs_path=probs_path, progress=False)
    # Windows along x start at 0, 4, 8, 12 and along y at 0, 2 (flush).
    tent = 1 - np.abs(np.arange(window) + 0.5 - window / 2) / (window / 2)
    num = np.zeros((height, width))
    den = np.zeros((height, width))
    for y in (0, 2):
        for x in (0, 4, 8, 12):
            w = np.outer(tent, tent)
            num[y:y + window, x:x + window] += w * 0.1 * (x + 3.5)
            den[y:y + window, x:x + window] += w
    logit = num / den
    expected = 1 / (1 + np.exp(-logit))  # softmax over (logit, 0)
    np.testing.assert_allclose(read(probs_path)[0], expected, atol=1e-3)
    # Not trivially a per-window constant: values vary inside windows.
    assert len(np.unique(np.round(expected[5], 4))) > 8


def test_reads_stay_within_one_strip(tmp_path, monkeypatch):
    """No read spans more rows than a window, so memory is bounded by the
    scene width (see also test_memory.py for the measured peak)."""
    reads = []
    original = rasterio.io.DatasetReader.read

    def recording_read(self, *args, window=None, **kwargs):
        reads.append(window)
        return original(self, *args, window=window, **kwargs)

    monkeypatch.setattr(rasterio.io.DatasetReader, 'read', recording_read)
    model = linear_segmentor(np.eye(3, 4), [0.0, 0.0, 0.0])
    in_path = write_scene(tmp_path / 'scene.tif', random_scene(200, 64))
    predict_scene(model, in_path, str(tmp_path / 'map.tif'), window=32,
                  overlap=8, progress=False)
    strips = [w for w in reads if w is not None]
    assert len(strips) == len(reads) == len(window_starts(200, 32, 8))
    assert max(w.height for w in strips) == 32
    assert [int(w.row_off) for w in strips] == window_starts(200, 32, 8)


def test_probabilities_and_preview(tmp_path, tiny_model):
    scene = random_scene(60, 80, seed=4)
    scene[:, :10, :10] = 0
    in_path = write_scene(tmp_path / 'scene.tif', scene, nodata=0)
    out_path = str(tmp_path / 'map.tif')
    probs_path = str(tmp_path / 'probs.tif')
    preview_path = str(tmp_path / 'preview.png')
    predict_scene(tiny_model, in_path, out_path, window=32, overlap=8,
                  probs_path=probs_path, preview_path=preview_path,
                  preview_size=40, progress=False)
    labels = read(out_path)[0]
    with rasterio.open(probs_path) as src:
        assert src.count == 3 and src.crs == CRS_UTM32N
        assert src.tags(1, 'IMAGE_STRUCTURE').get('NBITS') == '16'
        probs = src.read()
    assert np.isnan(probs[:, :10, :10]).all()
    valid = labels != NODATA_LABEL
    np.testing.assert_allclose(probs[:, valid].sum(axis=0), 1, atol=2e-3)
    # The label is the most probable class (ties only from float16).
    label_probs = np.take_along_axis(
        probs, np.where(valid, labels, 0)[None], axis=0)[0]
    np.testing.assert_array_equal(label_probs[valid], probs.max(0)[valid])
    preview = np.asarray(Image.open(preview_path))
    assert preview.shape == (30, 40, 4)
    # Nearest-neighbour decimation by 2 samples the pixel under each output
    # pixel's centre: rows and columns 1, 3, 5, ...; classes are opaque in
    # their colour, nodata is transparent, unlike any class.
    lut = np.zeros((256, 4), dtype=np.uint8)
    lut[:3] = [(*colour, 255) for colour in PALETTE]
    sampled = labels[1::2, 1::2]
    np.testing.assert_array_equal(preview, lut[sampled])
    assert (preview[:5, :5, 3] == 0).all()
    assert (preview[sampled != NODATA_LABEL, 3] == 255).all()


def test_refuses_to_overwrite(tmp_path, tiny_model):
    in_path = write_scene(tmp_path / 'scene.tif', random_scene(40, 40))
    out_path = tmp_path / 'map.tif'
    out_path.write_bytes(b'precious')
    with pytest.raises(FileExistsError, match='map.tif'):
        predict_scene(tiny_model, in_path, str(out_path), window=32,
                      overlap=8, progress=False)
    assert out_path.read_bytes() == b'precious'
    predict_scene(tiny_model, in_path, str(out_path), window=32,
                  overlap=8, overwrite=True, progress=False)
    assert read(out_path).shape == (1, 40, 40)


def test_band_count_must_match_model(tmp_path, tiny_model):
    in_path = write_scene(tmp_path / 'rgb.tif', random_scene(40, 40, 3))
    with pytest.raises(ValueError, match=r'rgb\.tif: 3 bands .* takes 4'):
        predict_scene(tiny_model, in_path, str(tmp_path / 'map.tif'),
                      progress=False)
    assert not (tmp_path / 'map.tif').exists()


def test_bands_select_and_reorder(tmp_path):
    weight = [[1.0, 0.0], [0.0, 1.0]]
    model = linear_segmentor(weight, [0.0, 0.0])
    scene = np.zeros((3, 20, 20), dtype=np.uint8)
    scene[2, :, :10] = 9  # band 3 wins on the left, band 1 on the right
    scene[0, :, 10:] = 9
    in_path = write_scene(tmp_path / 'scene.tif', scene)
    out_path = str(tmp_path / 'map.tif')
    predict_scene(model, in_path, out_path, window=16, overlap=4,
                  bands=[2, 0], progress=False)
    labels = read(out_path)[0]
    assert (labels[:, :10] == 0).all() and (labels[:, 10:] == 1).all()
    with pytest.raises(ValueError, match='bands'):
        predict_scene(model, in_path, out_path, bands=[0, 3],
                      overwrite=True, progress=False)


def test_uint16_scene_is_read_natively(tmp_path):
    """16-bit bands keep their full range (no clipping to 8 bits)."""
    model = linear_segmentor([[1.0, 0.0], [0.0, 1.0]], [0.0, 0.0])
    scene = np.full((2, 30, 30), 40000, dtype=np.uint16)
    scene[0, :, :15] = 40001  # band 1 wins on the left by one count,
    scene[1, :, 15:] = 40001  # band 2 on the right
    in_path = write_scene(tmp_path / 'scene.tif', scene)
    out_path = str(tmp_path / 'map.tif')
    predict_scene(model, in_path, out_path, window=16, overlap=4,
                  progress=False)
    labels = read(out_path)[0]
    assert (labels[:, :15] == 0).all() and (labels[:, 15:] == 1).all()


def test_missing_crs_warns(tmp_path, tiny_model):
    in_path = write_scene(tmp_path / 'plain.tif', random_scene(40, 40),
                          crs=None)
    out_path = str(tmp_path / 'map.tif')
    with pytest.warns(UserWarning, match=r'plain\.tif has no CRS'):
        predict_scene(tiny_model, in_path, out_path, window=32,
                      overlap=8, progress=False)
    with rasterio.open(out_path) as dst:
        assert dst.crs is None and dst.shape == (40, 40)


def test_unreadable_file(tmp_path, tiny_model):
    bad = tmp_path / 'broken.tif'
    bad.write_text('not a raster')
    with pytest.raises(OSError, match='broken.tif'):
        predict_scene(tiny_model, str(bad), str(tmp_path / 'map.tif'),
                      progress=False)


def test_find_scenes(tmp_path):
    for name in ('b.tif', 'a.TIFF', 'notes.txt'):
        (tmp_path / name).write_bytes(b'')
    assert find_scenes(str(tmp_path)) == [
        str(tmp_path / 'a.TIFF'), str(tmp_path / 'b.tif')]
    assert find_scenes(str(tmp_path / '*.tif')) == [str(tmp_path / 'b.tif')]
    assert find_scenes(str(tmp_path / 'b.tif')) == [str(tmp_path / 'b.tif')]
    with pytest.raises(FileNotFoundError, match='nothing'):
        find_scenes(str(tmp_path / 'nothing*.tif'))


def test_interrupted_run_leaves_no_output(tmp_path, tiny_model, monkeypatch):
    import grsim_mm.apis.inference as inference

    calls = []

    def failing(model, windows):
        calls.append(len(windows))
        if len(calls) == 2:
            raise KeyboardInterrupt
        return original(model, windows)

    original = inference.predict_windows
    monkeypatch.setattr(inference, 'predict_windows', failing)
    in_path = write_scene(tmp_path / 'scene.tif', random_scene(80, 80))
    with pytest.raises(KeyboardInterrupt):
        predict_scene(tiny_model, in_path, str(tmp_path / 'map.tif'),
                      window=32, overlap=8, batch_size=2,
                      probs_path=str(tmp_path / 'p.tif'), progress=False)
    assert sorted(p.name for p in tmp_path.iterdir()) == ['scene.tif']


def test_output_must_not_replace_input(tmp_path, tiny_model):
    in_path = write_scene(tmp_path / 'scene.tif', random_scene(40, 40))
    with pytest.raises(ValueError, match='replace the input'):
        predict_scene(tiny_model, in_path, in_path, overwrite=True,
                      progress=False)


def test_palette_falls_back_to_the_config(tmp_path, tiny_model):
    # No dataset_meta in the checkpoint: mmseg would pick the palette of a
    # 3-class mmseg dataset; the config's own metainfo is used instead.
    checkpoint = str(tmp_path / 'weights.pth')
    torch.save(dict(state_dict=tiny_model.state_dict()), checkpoint)
    model = init_segmentor(tiny_model.cfg, checkpoint)
    assert model.dataset_meta['palette'] == PALETTE
    for name, param in model.state_dict().items():
        torch.testing.assert_close(param, tiny_model.state_dict()[name])


def test_dataset_meta_from_a_preset(repo_root):
    cfg = Config.fromfile(
        osp.join(repo_root, 'configs/_base_/datasets/potsdam-rgbir.py'))
    meta = dataset_meta_from_config(cfg)
    assert meta['classes'][:2] == ('impervious_surfaces', 'building')
    assert meta['palette'][:2] == [[255, 255, 255], [0, 0, 255]]
    assert dataset_meta_from_config(Config(dict(model=dict()))) == {}
