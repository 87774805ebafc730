"""A GraSS small enough for the CPU: ResNet-18 at 1/8 width, output stride
16, 4 bands; 64 px views give 4 x 4 layer4 maps."""
import torch
from mmpretrain.registry import MODELS

import grsim_mm  # noqa: F401


def grass_cfg(embed_from='stage', heat_map_stage=-1, norm='BN',
              gather=False, loss='NTXentLoss', **kwargs):
    norm_cfg = (dict(type='GN', num_groups=4, requires_grad=True)
                if norm == 'GN' else dict(type='BN', requires_grad=True))
    cfg = dict(
        type='GraSS',
        backbone=dict(
            type='ResNet', depth=18, in_channels=4, stem_channels=8,
            base_channels=8, strides=(1, 2, 2, 1), dilations=(1, 1, 1, 2),
            out_indices=(0, 1, 2, 3), norm_cfg=norm_cfg),
        head=dict(
            type='GlobalContrastHead',
            in_channels=64 if embed_from == 'stage' else 16,
            hid_channels=16,
            out_channels=8,
            nonlinear=embed_from != 'stage',
            loss=dict(type=loss, temperature=0.5, gather_negatives=gather)),
        embed_from=embed_from,
        heat_map_stage=heat_map_stage,
        **kwargs)
    if embed_from == 'aspp':
        cfg['decode_head'] = dict(
            type='DeepLabV3PlusHead', in_index=3, channels=16,
            dilations=(1, 2, 3, 4), c1_channels=8, aspp_dropout_ratio=0.0,
            dropout_ratio=0.0, num_classes=8, norm_cfg=norm_cfg,
            align_corners=True)
    return cfg


def build_grass(seed=0, **kwargs):
    torch.manual_seed(seed)
    model = MODELS.build(grass_cfg(**kwargs))
    model.init_weights()
    return model.train()


def views(num=3, size=64, seed=1):
    """Two views per image; the second a noisy copy of the first."""
    gen = torch.Generator().manual_seed(seed)
    first = torch.randn(num, 4, size, size, generator=gen)
    return [first, first + 0.3 * torch.randn(first.shape, generator=gen)]
