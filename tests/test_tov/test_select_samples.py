"""Feature-guided selection draws evenly across clusters."""
import warnings

import numpy as np
import pytest
import rasterio
import torch
from rasterio.errors import NotGeoreferencedWarning
from tool_scripts import load_tool

from grsim_mm.utils.feature_selection import even_quotas, select_evenly


def blobs(sizes, dim=8, seed=0):
    rng = np.random.default_rng(seed)
    centres = rng.normal(0, 20, (len(sizes), dim))
    x = np.concatenate(
        [c + rng.normal(0, 1, (n, dim)) for c, n in zip(centres, sizes)])
    truth = np.repeat(np.arange(len(sizes)), sizes)
    order = rng.permutation(len(x))
    return x[order], truth[order]


def test_even_quotas_by_hand():
    assert even_quotas([500, 300, 150, 50], 200).tolist() == [50, 50, 50, 50]
    assert even_quotas([500, 300, 150, 50], 260).tolist() == [70, 70, 70, 50]
    # 203 fits level 51 exactly; 205 leaves two draws for the largest
    assert even_quotas([500, 300, 150, 50], 205).tolist() == [52, 52, 51, 50]
    assert even_quotas([3, 3, 3], 4).tolist() == [2, 1, 1]
    assert even_quotas([2, 9], 11).tolist() == [2, 9]
    with pytest.raises(ValueError, match='pool of 11'):
        even_quotas([2, 9], 12)


@pytest.mark.parametrize('within', ['random', 'nearest'])
def test_known_clusters_are_drawn_evenly(within):
    x, truth = blobs([500, 300, 150, 50])
    picked, labels = select_evenly(x, 205, 4, within=within, seed=0)
    assert len(np.unique(picked)) == 205
    # k-means recovers the blobs, so the per-blob counts are the quotas
    assert len(set(zip(labels, truth))) == 4
    assert sorted(np.bincount(truth[picked])) == [50, 51, 52, 52]
    assert np.bincount(truth[picked])[3] == 50  # the small blob, whole
    again, _ = select_evenly(x, 205, 4, within=within, seed=0)
    np.testing.assert_array_equal(again, picked)


def test_nearest_picks_the_members_closest_to_the_centre():
    x, truth = blobs([40, 40], dim=2, seed=1)
    picked, labels = select_evenly(x, 4, 2, within='nearest')
    for k in range(2):
        members = np.flatnonzero(labels == k)
        dist = ((x[members] - x[members].mean(0))**2).sum(1)
        nearest = set(members[np.argsort(dist)[:2]])
        assert nearest == set(picked[labels[picked] == k])


def test_end_to_end_on_tiny_files(tmp_path):
    from mmpretrain.models import ResNet
    rng = np.random.default_rng(0)
    colours = [(20, 200, 30, 90), (220, 40, 40, 10), (90, 90, 240, 250)]
    names = []
    for i in range(12):
        colour = np.array(colours[i % 3], np.float64)[:, None, None]
        data = np.clip(colour + rng.normal(0, 3, (4, 16, 16)), 0, 255)
        name = f'tile_{i:02d}.tif'
        with warnings.catch_warnings():
            warnings.simplefilter('ignore', NotGeoreferencedWarning)
            with rasterio.open(tmp_path / name,
                               'w',
                               driver='GTiff',
                               count=4,
                               height=16,
                               width=16,
                               dtype='uint8') as dst:
                dst.write(data.astype(np.uint8))
        names.append(name)
    (tmp_path / 'pool.txt').write_text('\n'.join(names) + '\n')
    torch.manual_seed(0)
    net = ResNet(depth=18, in_channels=4, stem_channels=8, base_channels=8)
    torch.save(
        {
            'state_dict': {
                f'backbone.{k}': v
                for k, v in net.state_dict().items()
            }
        }, tmp_path / 'tiny.pth')
    tool = load_tool('select_samples.py')
    out = tmp_path / 'selected.txt'
    tool.main([
        str(tmp_path / 'pool.txt'), '--root',
        str(tmp_path), '--checkpoint',
        str(tmp_path / 'tiny.pth'), '--backbone-args', 'depth=18',
        'in_channels=4', 'stem_channels=8', 'base_channels=8', '--mean', '100',
        '100', '100', '100', '--std', '60', '60', '60', '60', '--size', '6',
        '--clusters', '3', '--batch-size', '5', '--out',
        str(out), '--save-embeddings',
        str(tmp_path / 'emb.npz')
    ])
    selected = out.read_text().split()
    assert len(selected) == 6 and set(selected) <= set(names)
    kinds = [int(n[5:7]) % 3 for n in selected]
    assert sorted(kinds) == [0, 0, 1, 1, 2, 2]
    saved = np.load(tmp_path / 'emb.npz')
    assert saved['embeddings'].shape == (12, 64)  # 8 * 8 channels, stage 4
    # a checkpoint without the backbone's tensors is refused
    torch.save({'state_dict': {
        'head.fc.weight': torch.zeros(2, 2)
    }}, tmp_path / 'bad.pth')
    with pytest.raises(KeyError, match='bad.pth: no keys start with'):
        tool.main([
            str(tmp_path / 'pool.txt'), '--root',
            str(tmp_path), '--checkpoint',
            str(tmp_path / 'bad.pth'), '--prefix', 'backbone.', '--mean', '0',
            '--std', '1', '--size', '2', '--out',
            str(out)
        ])
