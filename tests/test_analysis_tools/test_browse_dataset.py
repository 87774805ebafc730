"""tools/analysis_tools/browse_dataset.py: augmented samples with labels,
pretraining views side by side."""
import os.path as osp

import numpy as np
import pytest
from tool_loader import FINETUNE, PRETRAIN, REPO_ROOT, load_tool
from mmengine.config import Config

from grsim_mm.visualization import display_rgb
from grsim_mm.visualization.browse import build_phase_dataset, sample_panels

tool = load_tool('browse_dataset')


def dataset_of(config, root, phase='train', **options):
    cfg = Config.fromfile(osp.join(REPO_ROOT, config))
    cfg.merge_from_dict({f'{phase}_dataloader.dataset.data_root': root,
                         **options})
    return build_phase_dataset(cfg, phase)


def test_segmentation_sample_and_label(tiny_demo):
    dataset = dataset_of(FINETUNE, tiny_demo)
    sample = dataset[0]
    panels, legend = sample_panels(sample, dataset.metainfo)
    img = sample['inputs'].numpy().transpose(1, 2, 0)
    label = sample['data_samples'].gt_sem_seg.data[0].numpy()
    palette = np.asarray(dataset.metainfo['palette'])
    known = label < len(palette)
    # the labelled pixels set the contrast, every pixel is drawn
    rgb = display_rgb(img, ('R', 'G', 'B', 'NIR'), valid=known,
                      blank_invalid=False)
    assert [p[0] for p in panels] == ['image', 'label']
    np.testing.assert_array_equal(panels[0][1], rgb)
    expected = np.round(0.5 * rgb[known] + 0.5 * palette[label[known]])
    np.testing.assert_array_equal(panels[1][1][known], expected)
    np.testing.assert_array_equal(panels[1][1][~known], rgb[~known])
    classes = dataset.metainfo['classes']
    assert [n for n, _ in legend if n != 'ignored'] == [
        classes[c] for c in np.unique(label[known])]


def test_pretraining_views_with_matched_windows(tiny_demo):
    dataset = dataset_of(PRETRAIN, tiny_demo, **{
        'train_dataloader.dataset.indices': None,
        'train_dataloader.dataset.pipeline.1.crop_size': 48,
        'train_dataloader.dataset.pipeline.1.window_size': 12})
    sample = dataset[0]
    panels, legend = sample_panels(sample, dataset.metainfo)
    assert [p[0] for p in panels] == ['view 1', 'view 2'] and not legend
    windows = np.asarray(sample['data_samples'].windows)
    valid = np.asarray(sample['data_samples'].window_valid)
    for v, (_, picture, boxes) in enumerate(panels):
        assert picture.shape == (48, 48, 3)
        assert [b for b, _ in boxes] == [tuple(w) for w in windows[valid, v]]


def test_writes_one_figure_per_sample(tiny_demo, tmp_path):
    out = tmp_path / 'browse'
    tool.main([osp.join(REPO_ROOT, FINETUNE), '--output-dir', str(out),
               '--num', '2', '--phase', 'val', '--rgb-bands', '3', '0', '1',
               '--cfg-options',
               f'val_dataloader.dataset.data_root={tiny_demo}'])
    files = sorted(p.name for p in out.iterdir())
    assert len(files) == 2 and files[0].startswith('00000_')
    with pytest.raises(SystemExit, match=r"no val_dataloader dataset; use "
                       r"--phase with one of \['train'\]"):
        tool.main([osp.join(REPO_ROOT, PRETRAIN), '--output-dir',
                   str(out), '--phase', 'val'])


def test_scene_sample_is_titled_with_its_class():
    import torch
    from mmpretrain.structures import DataSample
    rng = np.random.default_rng(0)
    img = rng.integers(0, 4000, (13, 16, 16)).astype(np.int32)
    sample = dict(inputs=torch.from_numpy(img),
                  data_samples=DataSample().set_gt_label(2))
    names = ('coastal', 'blue', 'green', 'red') + tuple(
        f'b{i}' for i in range(9))
    metainfo = dict(classes=('forest', 'river', 'sea'), band_names=names)
    panels, legend = sample_panels(sample, metainfo)
    assert [p[0] for p in panels] == ['class: sea'] and not legend
    np.testing.assert_array_equal(
        panels[0][1], display_rgb(img.transpose(1, 2, 0), names))
    assert (panels[0][1][..., 0] == display_rgb(
        img[3].astype(np.float64))[..., 0]).all()  # red is band 3
