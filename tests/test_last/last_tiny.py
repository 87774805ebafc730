"""Tiny LaST models and crops shared by the LaST tests."""
import torch
from mmengine.logging import MessageHub
from mmpretrain.registry import MODELS

import grsim_mm  # noqa: F401

NUM_BANDS = 4
GLOBAL_SIZE, LOCAL_SIZE = 32, 16
TINY_VIT_ARCH = dict(
    embed_dims=32, num_layers=2, num_heads=2, feedforward_channels=64)
TINY_SWIN_ARCH = dict(embed_dims=16, depths=[1, 1], num_heads=[1, 2])


def vit_backbone(**kwargs) -> dict:
    cfg = dict(type='VisionTransformer', arch=TINY_VIT_ARCH,
               img_size=GLOBAL_SIZE, patch_size=8, in_channels=NUM_BANDS,
               out_type='cls_token')
    cfg.update(kwargs)
    return cfg


def last_cfg(backbone=None, neck=None, in_channels=32, out_dim=24,
             **kwargs) -> dict:
    cfg = dict(
        type='LaST',
        backbone=backbone or vit_backbone(),
        neck=neck,
        head=dict(type='SelfDistillHead', in_channels=in_channels,
                  out_dim=out_dim, hidden_dim=32, bottleneck_dim=16),
        data_preprocessor=dict(
            type='MultiBandSelfSupDataPreprocessor',
            mean=[0.] * NUM_BANDS, std=[1.] * NUM_BANDS))
    cfg.update(kwargs)
    return cfg


def build_last(seed=0, **kwargs):
    torch.manual_seed(seed)
    model = MODELS.build(last_cfg(**kwargs))
    model.init_weights()
    return model


def crops(batch=2, num_local=2, seed=0, bands=NUM_BANDS):
    gen = torch.Generator().manual_seed(seed)
    sizes = [GLOBAL_SIZE] * 2 + [LOCAL_SIZE] * num_local
    return [torch.randn(batch, bands, s, s, generator=gen) for s in sizes]


def set_max_iters(max_iters: int) -> None:
    MessageHub.get_current_instance().update_info('max_iters', max_iters)


def multicrop_pipeline(value_range, num_local=2, global_size=GLOBAL_SIZE,
                       local_size=LOCAL_SIZE) -> dict:
    """DINO's views, band-agnostic, at test sizes: global 1 always blurred,
    global 2 rarely blurred and sometimes solarised, locals half blurred."""

    def view(size, scale, blur, solarize):
        steps = [
            dict(type='RandomResizedCrop', scale=size,
                 crop_ratio_range=scale, interpolation='bicubic',
                 backend='cv2'),
            dict(type='RandomFlip', prob=0.5, direction='horizontal'),
            dict(type='SpectralJitter', prob=0.8, brightness=0.4,
                 contrast=0.4, salt_prob=0., value_range=value_range),
            dict(type='RandomGrey', prob=0.2),
            dict(type='RandomSigmaBlur', prob=blur, sigma_range=(0.1, 2.)),
        ]
        if solarize:
            steps.append(dict(type='RangeSolarize', prob=solarize,
                              value_range=value_range))
        return steps

    return dict(
        type='MultiView',
        num_views=[1, 1, num_local],
        transforms=[
            view(global_size, (0.4, 1.), 1.0, 0.),
            view(global_size, (0.4, 1.), 0.1, 0.2),
            view(local_size, (0.05, 0.4), 0.5, 0.),
        ])
