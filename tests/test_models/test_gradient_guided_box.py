"""gradient_guided_box on hand-made maps and against a loop transcription."""
import numpy as np
import pytest
import torch
import torch.nn.functional as F

from grsim_mm.models.utils import gradient_guided_box


def reference_box(heat, ratio=0.5):
    """GraSS's DACrop box, literally: threshold, 8-connected labels numbered
    in raster order, score = max inside each label's bbox, '>=' keeps the
    later label; no region keeps the whole map."""
    heat = np.asarray(heat, dtype=np.float64)
    h, w = heat.shape
    fg = heat > heat.min() + ratio * (heat.max() - heat.min())
    labels = np.zeros((h, w), int)
    count = 0
    for r in range(h):
        for c in range(w):
            if fg[r, c] and not labels[r, c]:
                count += 1
                labels[r, c] = count
                stack = [(r, c)]
                while stack:
                    y, x = stack.pop()
                    for dy in (-1, 0, 1):
                        for dx in (-1, 0, 1):
                            yy, xx = y + dy, x + dx
                            if (0 <= yy < h and 0 <= xx < w and fg[yy, xx]
                                    and not labels[yy, xx]):
                                labels[yy, xx] = count
                                stack.append((yy, xx))
    best, box = -np.inf, (0, 0, h, w)
    for k in range(1, count + 1):
        rows, cols = np.nonzero(labels == k)
        r0, r1, c0, c1 = rows.min(), rows.max() + 1, cols.min(), cols.max() + 1
        score = heat[r0:r1, c0:c1].max()
        if score >= best:
            best, box = score, (r0, c0, r1, c1)
    return tuple(int(v) for v in box)


def box_of(heat, ratio=0.5):
    return tuple(int(v) for v in gradient_guided_box(
        torch.as_tensor(heat, dtype=torch.float32), ratio))


def test_one_blob():
    heat = np.zeros((8, 10))
    heat[2:5, 3:7] = 1.0
    heat[3, 4] = 1.5
    assert box_of(heat) == (2, 3, 5, 7)
    assert box_of(heat, 0.8) == (3, 4, 4, 5)  # only the peak is above 1.2


def test_two_blobs_highest_wins():
    heat = np.zeros((8, 10))
    heat[1:3, 1:3] = 0.8  # earlier in raster order, lower peak
    heat[5:8, 6:9] = 0.9
    heat[6, 7] = 1.0
    assert box_of(heat) == (5, 6, 8, 9)
    assert box_of(heat) == reference_box(heat)


def test_tie_later_component_wins():
    heat = np.zeros((8, 10))
    heat[1:3, 1:4] = 1.0
    heat[5:7, 2:4] = 1.0
    assert box_of(heat) == (5, 2, 7, 4)
    assert box_of(heat) == reference_box(heat)


def test_score_is_taken_over_the_bounding_box():
    # B, the peak, is numbered first; A's bounding box covers B, so A ties
    # with B and, numbered later, wins: the reference scores boxes, not masks
    heat = np.zeros((6, 6))
    heat[1, 1] = 1.0      # B
    heat[1:5, 3] = 0.9    # A: a column ...
    heat[4, 0:4] = 0.9    # ... and a row; first pixel (1, 3), box rows 1-4
    assert box_of(heat) == reference_box(heat) == (1, 0, 5, 4)
    # the other way round, A first and B inside A's box: B wins the tie
    heat = np.zeros((6, 6))
    heat[0, 0:5] = heat[0:5, 0] = 0.9   # A, box rows 0-4, columns 0-4
    heat[2, 2] = 1.0                    # B, not touching A
    assert box_of(heat) == reference_box(heat) == (2, 2, 3, 3)


def test_constant_map_is_whole_map():
    assert box_of(np.full((6, 9), 0.3)) == (0, 0, 6, 9)


def test_non_finite_map_is_whole_map():
    # GraSS divides by the map's maximum; a zero maximum gives NaN or inf
    heat = torch.zeros(2, 5, 6)
    heat[0] = float('nan')
    heat[1, 2, 3] = float('inf')
    top, left, bottom, right = gradient_guided_box(heat)
    assert top.tolist() == [0, 0] and left.tolist() == [0, 0]
    assert bottom.tolist() == [5, 5] and right.tolist() == [6, 6]


def test_diagonal_only_connection_is_one_component():
    heat = np.zeros((6, 6))
    heat[1, 1] = heat[2, 2] = heat[3, 3] = 1.0
    heat[4, 4] = 0.9
    # 4-connectivity would make four components and keep only (1, 1)
    assert box_of(heat) == (1, 1, 5, 5)


def test_threshold_is_strict_and_ratio_moves_it():
    heat = np.array([[0.0, 0.5, 1.0, 0.5, 0.0]])
    assert box_of(heat, 0.5) == (0, 2, 1, 3)   # 0.5 is not above 0.5
    assert box_of(heat, 0.4) == (0, 1, 1, 4)


@pytest.mark.parametrize('ratio', [0.5, 0.75])
def test_batch_matches_reference_on_smooth_maps(ratio):
    gen = torch.Generator().manual_seed(0)
    coarse = torch.randn(12, 1, 5, 5, generator=gen)
    heat = F.interpolate(coarse, size=(40, 36), mode='bilinear',
                         align_corners=False)[:, 0]
    heat[3] = heat[3].round(decimals=1)  # plateaus and exact ties
    top, left, bottom, right = gradient_guided_box(heat, ratio)
    boxes = list(zip(top.tolist(), left.tolist(), bottom.tolist(),
                     right.tolist()))
    assert boxes == [reference_box(h, ratio) for h in heat.numpy()]
    assert len(set(boxes)) > 6  # the maps really differ


def test_batch_matches_reference_on_noisy_quantised_maps():
    # many small components and many exact ties: the labelling order and
    # the tie rule decide the box
    gen = torch.Generator().manual_seed(4)
    heat = torch.randint(0, 4, (24, 12, 14), generator=gen).float()
    top, left, bottom, right = gradient_guided_box(heat)
    boxes = list(zip(top.tolist(), left.tolist(), bottom.tolist(),
                     right.tolist()))
    assert boxes == [reference_box(h) for h in heat.numpy()]
    assert len(set(boxes)) > 12


def test_two_dimensional_input_and_device_dtype():
    top, left, bottom, right = gradient_guided_box(torch.eye(4))
    assert top.dim() == 0 and top.dtype == torch.int64
    assert (top.item(), left.item(), bottom.item(), right.item()) == \
        (0, 0, 4, 4)


@pytest.mark.parametrize('heat,ratio,match', [
    (torch.zeros(1, 1, 4, 4), 0.5, r'\(1, 1, 4, 4\)'),
    (torch.zeros(4, 4), 1.5, 'threshold_ratio=1.5'),
])
def test_bad_input(heat, ratio, match):
    with pytest.raises(ValueError, match=match):
        gradient_guided_box(heat, ratio)
