"""Jigsaw as the reference runs it: the authors' permutation set shipped
with the package, and one BatchNorm pass per puzzle position."""
import copy
import os.path as osp

import numpy as np
import pytest
import torch
from mmengine.config import Config
from mmpretrain.registry import MODELS
from mmpretrain.structures import DataSample

import grsim_mm  # noqa: F401
from grsim_mm.datasets.transforms import JigsawTiles
from grsim_mm.datasets.transforms.pretext import (GLCNET_PERMUTATIONS,
                                                  load_permutations)

REPO = osp.dirname(osp.dirname(osp.dirname(osp.abspath(__file__))))


def test_shipped_set_is_the_authors(reference_lists_dir):
    with open(GLCNET_PERMUTATIONS, 'rb') as f:
        ours = f.read()
    with open(osp.join(reference_lists_dir, 'jigsaw_permutations_1000.npy'),
              'rb') as f:
        assert ours == f.read()


def test_shipped_set_facts():
    perms = load_permutations('glcnet', 1000, 3)
    assert perms.shape == (1000, 9) and perms.dtype == np.int64
    dist = (perms[:, None, :] != perms[None, :, :]).sum(-1)
    np.fill_diagonal(dist, 9)
    assert dist.min() == 2  # the authors' set is not maximin


@pytest.mark.parametrize('reference_config, per_slot_bn', [
    ('configs/baselines/jigsaw_r50-os16_8xb32-400e_potsdam-rgbir.py', True),
    ('configs/baselines/jigsaw_r18-os16_1xb16-2e_demo.py', False)])
def test_reference_configs_use_the_authors_set(reference_config,
                                               per_slot_bn):
    cfg = Config.fromfile(osp.join(REPO, reference_config))
    assert cfg.model.get('per_slot_bn', False) is per_slot_bn
    tiles = [t for t in cfg.train_dataloader.dataset.pipeline
             if t.type == 'JigsawTiles']
    assert tiles[0].permutation_set == 'glcnet'
    built = JigsawTiles(**{k: v for k, v in tiles[0].items()
                           if k != 'type'})
    np.testing.assert_array_equal(built.permutations,
                                  np.load(GLCNET_PERMUTATIONS))


def test_tiles_follow_a_permutation_of_the_file(tmp_path):
    np.random.seed(5)
    img = np.kron(np.arange(9).reshape(3, 3), np.ones((16, 16)))
    img = img[..., None].astype(np.uint8)
    tiles = JigsawTiles(cell_size=16, tile_size=12, out_size=None,
                        permutation_set='glcnet')
    out = tiles(dict(img=img))
    perm = np.load(GLCNET_PERMUTATIONS)[out['jigsaw_label']]
    assert [int(t[0, 0, 0]) for t in out['img']] == list(perm)


@pytest.mark.parametrize('perms, match', [
    (np.tile(np.arange(9), (10, 1)), 'permutations repeat'),
    (np.arange(1, 10)[None].repeat(10, 0), '0-based'),
    (np.zeros((10, 4), np.int64), r'expected \(10, 9\)'),
])
def test_bad_permutation_files(tmp_path, perms, match):
    path = tmp_path / 'p.npy'
    np.save(path, perms)
    with pytest.raises(ValueError, match=match):
        JigsawTiles(num_permutations=10, permutation_set=str(path))
    with pytest.raises(FileNotFoundError, match='none.npy'):
        JigsawTiles(permutation_set=str(tmp_path / 'none.npy'))


def _jigsaw(per_slot_bn):
    from _glcnet_tiny import TINY_GLCNET  # noqa: E402
    cfg = copy.deepcopy(TINY_GLCNET)
    for key in ('global_head', 'local_head', 'loss_lambda'):
        cfg.pop(key)
    cfg['decode_head']['aspp_dropout_ratio'] = 0.0  # deterministic
    cfg.update(type='Jigsaw', per_slot_bn=per_slot_bn,
               head=dict(type='JigsawHead', in_channels=32, num_classes=10,
                         num_tiles=4, tile_channels=8, hid_channels=16,
                         dropout=0.0))
    torch.manual_seed(0)
    return MODELS.build(cfg)


@pytest.fixture
def tiny_models_path(monkeypatch):
    monkeypatch.syspath_prepend(osp.join(REPO, 'tests', 'test_models'))


def test_per_slot_passes_normalise_each_position_alone(tiny_models_path):
    """Train-mode BatchNorm: with per_slot_bn each position's B tiles make
    one batch (the reference); otherwise all positions' tiles do (a 2 x 2
    puzzle keeps the test small; the passes do not depend on the count)."""
    per_slot, joint = _jigsaw(True), _jigsaw(False)
    joint.load_state_dict(per_slot.state_dict())
    gen = torch.Generator().manual_seed(1)
    # positions differ in brightness, so their statistics differ
    inputs = [torch.rand(3, 4, 24, 24, generator=gen) + i for i in range(4)]
    per_slot.train()
    joint.train()
    got = per_slot.tile_features(inputs)
    by_hand = torch.stack([
        per_slot.decode_head.aspp_forward(per_slot.backbone(x))
        for x in inputs], dim=1).flatten(0, 1)
    torch.testing.assert_close(got, by_hand)
    together = joint.tile_features(inputs)
    assert got.shape == together.shape == (12, 32, 2, 2)
    assert (got - together).abs().max() > 0.1
    # the loss runs on the same features, image-major
    samples = []
    for label in (0, 4, 9):
        sample = DataSample()
        sample.set_field(label, 'jigsaw_label')
        samples.append(sample)
    loss = per_slot.loss(inputs, samples)['loss_jigsaw']
    logits = per_slot.head(by_hand)
    expected = torch.nn.functional.cross_entropy(logits,
                                                 torch.tensor([0, 4, 9]))
    torch.testing.assert_close(loss, expected)
