"""The RSISC pretext tasks on an mmpretrain ResNet: a few CPU steps on a
fixed batch lower each loss, with 3 and with 13 bands."""
import copy

import numpy as np
import pytest
import torch
from mmcv.transforms import Compose
from mmengine.dataset import default_collate
from mmengine.optim import OptimWrapper
from mmpretrain.registry import MODELS, TRANSFORMS

from grsim_mm.datasets.scene_demo import CLASSES, RGB_BANDS, synthesize_scene

BN = dict(type='BN', requires_grad=True)


def images(bands, size, count=6, seed=0):
    """Demo scenes: 13-band uint16 reflectance or 3-band uint8 RGB."""
    rng = np.random.default_rng(seed)
    names = list(CLASSES)
    out = []
    for i in range(count):
        refl = synthesize_scene(rng, names[i % len(names)], size)
        if bands == 13:
            out.append(np.rint(refl * 10000).astype(np.uint16))
        else:
            rgb = np.clip(refl[..., RGB_BANDS] / 0.3 * 255, 0, 255)
            out.append(np.rint(rgb).astype(np.uint8))
    return out


def preprocessor(bands):
    mean, std = (3000., 2000.) if bands == 13 else (127.5, 127.5)
    return dict(type='MultiBandSelfSupDataPreprocessor', mean=[mean] * bands,
                std=[std] * bands, to_rgb=False)


def backbone(bands, out_indices=(3, )):
    return dict(type='ResNet', depth=18, in_channels=bands, stem_channels=8,
                base_channels=8, out_indices=out_indices, norm_cfg=BN)


def decoder(bands):
    # backbone outputs (layer2, layer3, layer4) = 16, 32, 64 channels
    return dict(type='InpaintingHead', in_channels=64, skip_channels=(32, 16),
                skip_indices=(1, 0), channels=(32, 16), out_channels=bands)


def rsisc_views(size, bands):
    """RSISC's asymmetric SimCLR views with band-agnostic photometry."""
    value_range = (0, 10000) if bands == 13 else (0, 255)
    view_a = [dict(type='RandomScaleAspectCrop', size=size, scale=(0.5, 1.0),
                   prob=0.8)]
    view_b = [
        dict(type='RandomScaleAspectCrop', size=size, scale=(0.4, 1.0),
             prob=0.8),
        dict(type='RandomRot90Flip', prob=0.5),
        dict(type='BandBrightnessContrast', brightness=0.4, contrast=0.4,
             prob=0.8, value_range=value_range),
        dict(type='RandomMeanGrey', prob=0.2),
        dict(type='MeanBlur', kernel_size=3, prob=0.5),
    ]
    return [dict(type='MultiView', num_views=[1, 1],
                 transforms=[view_a, view_b]),
            dict(type='PackInputs')]


def simclr(bands):
    model = dict(
        type='SimCLR', data_preprocessor=preprocessor(bands),
        backbone=backbone(bands),
        neck=dict(type='NonLinearNeck', in_channels=64, hid_channels=32,
                  out_channels=16, num_layers=2, with_bias=False,
                  with_last_bn=False, with_last_bias=True,
                  norm_cfg=dict(type='BN1d')),
        head=dict(type='ContrastiveHead',
                  loss=dict(type='CrossEntropyLoss'), temperature=0.5))
    return model, rsisc_views(32, bands), 40


def inpainting(bands):
    model = dict(type='SceneInpainting', data_preprocessor=preprocessor(bands),
                 backbone=backbone(bands, (1, 2, 3)), head=decoder(bands))
    pipeline = [dict(type='CentralMask', ratio=0.5),
                dict(type='PackInputs', algorithm_keys=['hole_mask'])]
    return model, pipeline, 32


def colorization(bands):
    model = dict(type='SceneColorization',
                 data_preprocessor=preprocessor(bands),
                 backbone=backbone(bands, (1, 2, 3)), head=decoder(bands))
    pipeline = [dict(type='GreyColourPair'), dict(type='PackInputs')]
    return model, pipeline, 32


def jigsaw(grid, perms, cell):
    def build(bands):
        model = dict(
            type='SceneJigsaw', data_preprocessor=preprocessor(bands),
            backbone=backbone(bands),
            head=dict(type='JigsawHead', in_channels=64,
                      num_tiles=grid * grid, num_classes=perms, pool=1,
                      tile_channels=32, hid_channels=64, dropout=0.1))
        pipeline = [
            dict(type='JigsawTiles', cell_size=cell, tile_size=cell - 4,
                 out_size=None, grid=grid, num_permutations=perms),
            dict(type='PackInputs', algorithm_keys=['jigsaw_label'])
        ]
        return model, pipeline, grid * cell
    return build


TASKS = dict(simclr=simclr, inpainting=inpainting, colorization=colorization,
             jigsaw2x2=jigsaw(2, 24, 20), jigsaw3x3=jigsaw(3, 1000, 16))


def total_loss(losses):
    return sum(v for k, v in losses.items() if k.startswith('loss'))


@pytest.mark.parametrize('bands', [3, 13])
@pytest.mark.parametrize('task', list(TASKS))
def test_loss_decreases(task, bands):
    torch.manual_seed(0)
    np.random.seed(0)
    model_cfg, pipeline_cfg, size = TASKS[task](bands)
    model = MODELS.build(copy.deepcopy(model_cfg))
    pipeline = Compose([TRANSFORMS.build(t) for t in pipeline_cfg])
    batch = default_collate(
        [pipeline(dict(img=img)) for img in images(bands, size)])
    optim = OptimWrapper(torch.optim.Adam(model.parameters(), lr=2e-3))
    model.train()
    losses = []
    for _ in range(15):
        log_vars = model.train_step(copy.deepcopy(batch), optim)
        losses.append(float(log_vars['loss']))
    assert all(np.isfinite(losses))
    # the last steps are clearly below the first on the same batch
    assert np.mean(losses[-3:]) < 0.6 * losses[0], losses


def test_colourisation_target_is_the_colour_image():
    """The loss compares with the colour input: a network that returns its
    grey input is not at zero loss (it is in RSISC's released code)."""
    model_cfg, pipeline_cfg, size = colorization(3)
    model = MODELS.build(model_cfg)
    pipeline = Compose([TRANSFORMS.build(t) for t in pipeline_cfg])
    batch = default_collate(
        [pipeline(dict(img=img)) for img in images(3, size, count=2)])
    data = model.data_preprocessor(batch, True)
    grey, colour = data['inputs']
    model.reconstruct = lambda img: img  # the identity network
    loss = model.loss(data['inputs'], data['data_samples'])['loss_colour']
    assert float(loss) == pytest.approx(
        float(((grey - colour)**2).mean()), rel=1e-6)
    assert float(loss) > 0.01
