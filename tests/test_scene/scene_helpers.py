"""Helpers of the scene-classification tests."""
import copy
import os
import os.path as osp

import numpy as np
import torch
from mmengine.optim import OptimWrapper
from mmpretrain.structures import DataSample

from grsim_mm.datasets.raster_io import write_raster

DRIVERS = {'.tif': 'GTiff', '.png': 'PNG', '.jpg': 'JPEG'}


def write_image(path, array: np.ndarray) -> str:
    """Write an (H, W, C) array in the format of the file's extension."""
    path = str(path)
    os.makedirs(osp.dirname(path), exist_ok=True)
    array = array if array.ndim == 3 else array[..., None]
    write_raster(path, array.transpose(2, 0, 1),
                 driver=DRIVERS[osp.splitext(path)[1]])
    return path


def class_value(label: int, index: int) -> int:
    """Pixel value of image ``index`` of class ``label``; different for
    every image so that a test can tell which file was read."""
    return 10 * label + index + 1


def assert_probe_trains_only_the_head(model, bands: int, size: int,
                                      high: int, steps: int) -> None:
    """A few training steps of a linear probe on random ``bands`` x
    ``size`` x ``size`` inputs in ``[0, high)`` change the classifier and
    leave every backbone tensor, BN running statistics included, as it
    was."""
    trainable = [n for n, p in model.named_parameters() if p.requires_grad]
    assert trainable == ['head.fc.weight', 'head.fc.bias']
    before = copy.deepcopy(model.state_dict())
    optim = OptimWrapper(torch.optim.Adam(model.parameters(), lr=0.1))
    data = dict(
        inputs=[torch.randint(0, high, (bands, size, size)) for _ in range(4)],
        data_samples=[DataSample().set_gt_label(i % 6) for i in range(4)])
    for _ in range(steps):
        model.train_step(copy.deepcopy(data), optim)
    after = model.state_dict()
    for key, value in before.items():
        if key.startswith('backbone.'):
            # weights and BN running statistics untouched
            assert torch.equal(value, after[key]), key
    assert not torch.equal(before['head.fc.weight'], after['head.fc.weight'])
