"""Browsing a 13-band uint16 dataset after an augmentation: the picture is
the augmented tile's red, green and blue, stretched by hand."""
import os.path as osp

import numpy as np
import rasterio
from mmengine.config import Config
from s2_tiles import PALETTE

from grsim_mm.visualization.browse import (build_phase_dataset,
                                           sample_panels, save_panels)

FLIP = dict(type='RandomFlip', prob=1.0, direction='horizontal')


def hand_stretch(band, labelled):
    """The 2nd and 98th percentiles of the labelled pixels (the nodata
    corner is ignored in the label) to 0 and 255, every pixel drawn."""
    lo, hi = np.percentile(band[labelled].astype(np.float64), (2, 98))
    return np.clip(np.round((band - lo) * 255 / (hi - lo)), 0,
                   255).astype(np.uint8)


def test_flipped_13_band_tile_and_its_label(s2_config, s2_dataset, tmp_path):
    cfg = Config.fromfile(s2_config)
    pipeline = cfg.test_dataloader.dataset.pipeline
    cfg.test_dataloader.dataset.pipeline = pipeline[:-1] + [FLIP,
                                                            pipeline[-1]]
    dataset = build_phase_dataset(cfg, 'test')
    sample = dataset[0]
    path = sample['data_samples'].img_path
    with rasterio.open(path) as src:
        data = src.read()[:, :, ::-1]  # the flip, by hand
    with rasterio.open(path.replace('img', 'ann')) as src:
        label = src.read(1)[:, ::-1]
    panels, legend = sample_panels(sample, dataset.metainfo)
    known = label != 255
    assert (data[:, ~known] == 0).all() and not known.all()  # nodata
    # red, green, blue are bands 3, 2, 1 of the Sentinel-2 order
    rgb = np.stack([hand_stretch(data[b], known) for b in (3, 2, 1)],
                   axis=-1)
    np.testing.assert_array_equal(panels[0][1], rgb)
    painted = panels[1][1]
    np.testing.assert_array_equal(
        painted[known],
        np.round(0.5 * rgb[known] + 0.5 * np.asarray(PALETTE)[label[known]]))
    np.testing.assert_array_equal(painted[~known], rgb[~known])
    assert legend[-1] == ('ignored', None)
    out = tmp_path / 'sample.png'
    save_panels(str(out), panels, legend, osp.basename(path))
    assert out.read_bytes()[:4] == b'\x89PNG'
