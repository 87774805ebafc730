"""Views too small for the backbone's output stride: GLCNet's style
statistics need two positions of the ASPP map; a 1x1 map gives a NaN
variance, which used to surface as "lower the learning rate"."""
import pytest
import torch
from mmengine.registry import DefaultScope
from mmpretrain.registry import MODELS

import grsim_mm  # noqa: F401
from _glcnet_tiny import BN, tiny_batch, tiny_cfg

STRIDE_32 = dict(
    type='ResNet', depth=18, in_channels=4, stem_channels=16,
    base_channels=16, out_indices=(0, 1, 2, 3), strides=(1, 2, 2, 2),
    dilations=(1, 1, 1, 1), norm_cfg=BN, zero_init_residual=False)


def losses(size, **overrides):
    torch.manual_seed(0)
    # explicit scope: a segmentation runner of an earlier test may have
    # left mmseg as the current one
    with DefaultScope.overwrite_default_scope('mmpretrain'):
        model = MODELS.build(tiny_cfg(**overrides))
    batch = tiny_batch(size=size, win=8)
    data = model.data_preprocessor(batch, training=True)
    return model(**data, mode='loss')


def test_one_position_is_an_error_naming_view_size_and_stride():
    with pytest.raises(ValueError) as error:
        losses(32, backbone=STRIDE_32)
    message = str(error.value)
    assert '32x32 views' in message and '1x1' in message
    assert 'output stride 32' in message
    assert 'crop_size' in message and 'at least 64 px' in message
    assert 'model.backbone.strides' in message


def test_two_by_two_map_trains():
    out = losses(64, backbone=STRIDE_32)
    assert all(torch.isfinite(v) for v in out.values())


def test_mean_only_head_accepts_one_position():
    # the mean of one position is defined: nothing to refuse
    head = dict(type='GlobalContrastHead', in_channels=32, hid_channels=32,
                out_channels=16)
    out = losses(32, backbone=STRIDE_32, global_head=head)
    assert torch.isfinite(out['loss_global'])
