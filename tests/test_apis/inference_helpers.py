"""Tiny segmentors and synthetic scenes for the inference tests."""
from typing import Optional, Sequence

import numpy as np
import rasterio
import torch
import torch.nn as nn
from mmengine.config import Config
from mmengine.model import BaseModule
from mmseg.registry import MODELS
from rasterio.crs import CRS
from rasterio.transform import from_origin
from tool_scripts import load_tool

from grsim_mm.apis import init_segmentor

CRS_UTM32N = CRS.from_epsg(32632)
TRANSFORM = from_origin(367000.0, 5808000.0, 0.05, 0.05)
PALETTE = [[255, 255, 255], [0, 0, 255], [0, 255, 255]]


@MODELS.register_module(force=True)
class IdentityTestBackbone(BaseModule):
    """Hands the normalised bands to the head: logits = 1x1 conv of them."""

    def forward(self, x: torch.Tensor) -> tuple:
        return (x, )


@MODELS.register_module(force=True)
class WindowMeanTestBackbone(BaseModule):
    """Replaces every pixel by the window's band means: one value a window."""

    def forward(self, x: torch.Tensor) -> tuple:
        return (x.mean(dim=(2, 3), keepdim=True).expand_as(x), )


def seg_config(backbone: dict,
               head_in_channels: int,
               num_convs: int = 0,
               in_channels: int = 4,
               num_classes: int = 3,
               mean: float = 127.5,
               std: float = 79.6875,
               test_cfg: Optional[dict] = None) -> Config:
    """An mmseg EncoderDecoder config with an FCN head."""
    return Config(
        dict(
            default_scope='mmseg',
            model=dict(
                type='EncoderDecoder',
                data_preprocessor=dict(
                    type='SegDataPreProcessor',
                    mean=[mean] * in_channels,
                    std=[std] * in_channels,
                    pad_val=0,
                    seg_pad_val=255),
                backbone=backbone,
                decode_head=dict(
                    type='FCNHead',
                    in_channels=head_in_channels,
                    channels=head_in_channels if num_convs == 0 else 8,
                    num_convs=num_convs,
                    concat_input=False,
                    num_classes=num_classes,
                    dropout_ratio=0,
                    norm_cfg=dict(type='BN'),
                    loss_decode=dict(type='CrossEntropyLoss')),
                test_cfg=test_cfg or dict(mode='whole')),
            test_pipeline=[
                dict(type='LoadImageFromNDArray'),
                dict(type='PackSegInputs')
            ],
            test_dataloader=dict(
                dataset=dict(
                    type='BaseSegDataset',
                    metainfo=dict(classes=('a', 'b', 'c'),
                                  palette=PALETTE)))))


def tiny_resnet_segmentor(in_channels: int = 4, test_cfg=None) -> nn.Module:
    """A seeded, randomly initialised two-stage ResNet-18 (8 base channels,
    output stride 8) whose predictions vary across a scene."""
    torch.manual_seed(0)
    backbone = dict(
        type='ResNetV1c',
        depth=18,
        in_channels=in_channels,
        stem_channels=8,
        base_channels=8,
        num_stages=2,
        strides=(1, 2),
        dilations=(1, 1),
        out_indices=(1, ),
        norm_cfg=dict(type='BN'))
    model = init_segmentor(
        seg_config(backbone, 16, num_convs=1, in_channels=in_channels,
                   test_cfg=test_cfg))
    # A strong classifier, so that the argmax varies across the scene.
    with torch.no_grad():
        model.decode_head.conv_seg.weight.normal_(0, 1)
        model.decode_head.conv_seg.bias.zero_()
    return model


def linear_segmentor(weight: Sequence[Sequence[float]],
                     bias: Sequence[float],
                     backbone: str = 'IdentityTestBackbone') -> nn.Module:
    """Logits = ``weight @ bands + bias`` per pixel (no normalisation)."""
    weight = torch.tensor(weight, dtype=torch.float32)
    in_channels = weight.shape[1]
    model = init_segmentor(
        seg_config(dict(type=backbone), in_channels, in_channels=in_channels,
                   num_classes=weight.shape[0], mean=0.0, std=1.0))
    conv = model.decode_head.conv_seg
    with torch.no_grad():
        conv.weight.copy_(weight[:, :, None, None])
        conv.bias.copy_(torch.tensor(bias))
    return model


def write_scene(path, data: np.ndarray, crs=CRS_UTM32N, transform=TRANSFORM,
                nodata=None) -> str:
    """Write a band-first array as a GeoTIFF."""
    profile = dict(
        driver='GTiff',
        count=data.shape[0],
        height=data.shape[1],
        width=data.shape[2],
        dtype=data.dtype,
        nodata=nodata)
    if crs is not None:
        profile.update(crs=crs, transform=transform)
    with rasterio.open(path, 'w', **profile) as dst:
        dst.write(data)
    return str(path)


def random_scene(height: int, width: int, bands: int = 4,
                 seed: int = 0) -> np.ndarray:
    """Smooth-ish uint8 bands, so a CNN sees structure, not only noise."""
    rng = np.random.default_rng(seed)
    coarse = rng.integers(0, 256, size=(bands, height // 8 + 1,
                                        width // 8 + 1))
    scene = coarse.repeat(8, axis=1).repeat(8, axis=2)[:, :height, :width]
    noise = rng.integers(-20, 21, size=scene.shape)
    return np.clip(scene + noise, 0, 255).astype(np.uint8)


def load_predict_tool():
    """``tools/predict.py`` as a module."""
    return load_tool('predict.py')
