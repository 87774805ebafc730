"""Per-band normalisation of the self-supervised views."""
import pytest
import torch
from mmpretrain.registry import MODELS

import grsim_mm  # noqa: F401


def test_reference_normalisation_of_every_view_and_band():
    pre = MODELS.build(
        dict(type='MultiBandSelfSupDataPreprocessor', mean=[127.5] * 4,
             std=[79.6875] * 4))
    gen = torch.Generator().manual_seed(0)
    views = [torch.randint(0, 256, (2, 4, 8, 8), generator=gen,
                           dtype=torch.uint8) for _ in range(2)]
    out = pre(dict(inputs=views, data_samples=None))['inputs']
    for view, normed in zip(views, out):
        # the reference maps every band as x / 255 * 3.2 - 1.6
        torch.testing.assert_close(normed, view.float() / 255 * 3.2 - 1.6)


def test_distinct_band_statistics_and_any_band_count():
    mean, std = [1., 2., 3., 4., 5.], [1., 2., 4., 8., 16.]
    pre = MODELS.build(
        dict(type='MultiBandSelfSupDataPreprocessor', mean=mean, std=std))
    views = [torch.full((1, 5, 2, 2), 9.)] * 2
    out = pre(dict(inputs=views, data_samples=None))['inputs'][0]
    expected = torch.tensor([(9 - m) / s for m, s in zip(mean, std)])
    torch.testing.assert_close(out[0, :, 0, 0], expected)


def test_mismatched_lengths_are_rejected():
    with pytest.raises(ValueError):
        MODELS.build(
            dict(type='MultiBandSelfSupDataPreprocessor', mean=[1.] * 4,
                 std=[1.] * 3))
