"""A GLCNet small enough for CPU unit tests (ResNet-18 at 1/4 width, 64 px
views)."""
import copy

import torch
from mmpretrain.structures import DataSample

BN = dict(type='BN', requires_grad=True)
TINY_GLCNET = dict(
    type='GLCNet',
    data_preprocessor=dict(
        type='MultiBandSelfSupDataPreprocessor', mean=[127.5] * 4,
        std=[79.6875] * 4,
        to_rgb=False),
    backbone=dict(
        type='ResNet', depth=18, in_channels=4, stem_channels=16,
        base_channels=16, out_indices=(0, 1, 2, 3), strides=(1, 2, 2, 1),
        dilations=(1, 1, 1, 2), norm_cfg=BN, zero_init_residual=False),
    decode_head=dict(
        type='DeepLabV3PlusHead', in_channels=128, in_index=3, channels=32,
        c1_in_channels=16, c1_channels=8, aspp_dropout_ratio=0.5,
        decoder_dropout_ratio=0.0, dropout_ratio=0.0, num_classes=16,
        norm_cfg=BN, align_corners=True),
    global_head=dict(
        type='GlobalStyleHead', in_channels=32, hid_channels=32,
        out_channels=16),
    local_head=dict(
        type='LocalMatchingHead', in_channels=16, hid_channels=16,
        out_channels=16),
    loss_lambda=0.5)


def tiny_cfg(**overrides):
    cfg = copy.deepcopy(TINY_GLCNET)
    cfg.update(overrides)
    return cfg


def tiny_batch(batch=4, size=64, windows=3, win=16, seed=0):
    """Two correlated uint8 views and in-bounds window pairs."""
    gen = torch.Generator().manual_seed(seed)
    base = torch.randint(0, 256, (batch, 4, size, size), generator=gen)
    noise = torch.randint(-20, 21, base.shape, generator=gen)
    view2 = (base + noise).clamp(0, 255).flip(-1)
    samples = []
    for _ in range(batch):
        xy = torch.randint(0, size - win + 1, (windows, 2), generator=gen)
        w1 = torch.cat([xy, xy + win], 1).float()
        # view 2 is view 1 mirrored left-right
        x1 = size - win - xy[:, 0]
        w2 = torch.stack([x1, xy[:, 1], x1 + win, xy[:, 1] + win], 1).float()
        sample = DataSample()
        sample.set_field(torch.stack([w1, w2], 1), 'windows')
        sample.set_field(torch.ones(windows, dtype=torch.bool), 'window_valid')
        samples.append(sample)
    return dict(inputs=[base.to(torch.uint8), view2.to(torch.uint8)],
                data_samples=samples)
