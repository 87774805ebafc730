"""Inpainting holes and jigsaw puzzles."""
import itertools

import numpy as np
import pytest

from grsim_mm.datasets.transforms import (JigsawTiles, RandomHoles,
                                          jigsaw_permutations)


@pytest.mark.parametrize('side,hole', [(224, 16), (96, 8)])
def test_holes_cover_exactly_16_holes_and_differ_between_samples(
        side, hole):
    np.random.seed(0)
    holes = RandomHoles(num_holes=16, hole_size=hole)
    masks = []
    for _ in range(5):
        out = holes(dict(img=np.zeros((side, side, 4), np.uint8)))
        mask, boxes = out['hole_mask'], out['holes']
        assert boxes.shape == (16, 4)
        assert np.all(boxes[:, 2] - boxes[:, 0] == hole)
        assert np.all(boxes[:, 3] - boxes[:, 1] == hole)
        assert boxes.min() >= 0 and boxes[:, 2:].max() <= side
        # Exactly the union of 16 disjoint squares.
        assert mask.sum() == 16 * hole * hole
        painted = np.zeros_like(mask)
        for x1, y1, x2, y2 in boxes:
            painted[y1:y2, x1:x2] += 1
        assert painted.max() == 1 and np.array_equal(painted, mask)
        masks.append(mask)
    for a, b in itertools.combinations(masks, 2):
        assert not np.array_equal(a, b)


def test_jigsaw_permutations_unique_with_min_hamming_distance():
    perms = jigsaw_permutations(1000, 3, 0)
    assert perms.shape == (1000, 9)
    assert np.all(np.sort(perms, axis=1) == np.arange(9))
    assert len({tuple(p) for p in perms}) == 1000
    dist = (perms[:, None, :] != perms[None, :, :]).sum(-1)
    np.fill_diagonal(dist, 9)
    # The seeded maximin set: no two permutations agree on more than 4 of
    # the 9 positions; the mean distance is about 8.
    assert dist.min() == 5
    assert dist[~np.eye(1000, dtype=bool)].mean() == pytest.approx(8.0,
                                                                   abs=0.05)
    # Deterministic in the seed, different for another seed.
    assert np.array_equal(perms, jigsaw_permutations(1000, 3, 0, cache=False))


def test_jigsaw_tiles_follow_the_drawn_permutation():
    np.random.seed(3)
    # Each 16 px cell of a 48 px image holds its own index as value.
    img = np.kron(np.arange(9).reshape(3, 3), np.ones((16, 16)))
    img = img[..., None].repeat(2, axis=2).astype(np.uint8)
    tiles = JigsawTiles(cell_size=16, tile_size=12, out_size=None,
                        num_permutations=1000)
    out = tiles(dict(img=img))
    perm = jigsaw_permutations(1000, 3, 0)[out['jigsaw_label']]
    assert len(out['img']) == 9
    assert all(t.shape == (12, 12, 2) for t in out['img'])
    assert [int(t[0, 0, 0]) for t in out['img']] == list(perm)
    assert all(np.all(t == t[0, 0, 0]) for t in out['img'])
