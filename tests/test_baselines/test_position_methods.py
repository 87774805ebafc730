"""RiSSNet and GFCNet from their demo configs: a few CPU iterations lower
the loss, the checkpoint initialises their fine-tuning segmentor, and a
dataset without positions is refused when the config is built; GFCNet's
LoveDA windows carry positions."""
import glob
import math
import os.path as osp

import cv2
import numpy as np
import pytest
import torch
from mmengine.config import Config
from mmengine.dataset import pseudo_collate
from mmengine.optim import build_optim_wrapper
from mmengine.registry import DefaultScope
from mmseg.registry import DATASETS as SEG_DATASETS
from mmseg.registry import MODELS as SEG_MODELS
from test_pretrain_then_finetune import TINY_NET, TRANSFER
from test_pretrain_then_finetune import _pretrain as tiny_pretrain

# The tests' demo data: 2 training scenes of 128 px cut into 2 x 2 tiles.
GRID = {'train_dataloader.dataset.tile_grid.scene_size': 128,
        'train_dataloader.dataset.tile_grid.tile_size': 64}


def fixed_views(index):
    """The whole tile as both views, so that every epoch sees the same
    batch and the loss can only fall by learning."""
    key = f'train_dataloader.dataset.pipeline.{index}'
    return {f'{key}.crop_size': 32, f'{key}.scale': (1.0, 1.0),
            f'{key}.ratio': (1.0, 1.0), f'{key}.geometric_views': (),
            f'{key}.view_transforms': ((), ())}


METHODS = {
    # config, its fine-tuning config, overrides
    'RiSSNet': ('configs/rissnet/rissnet_r18-os16_1xb16-2e_demo.py',
                'configs/finetune/'
                'deeplabv3plus_r18-os16_glcnet_1xb8-40e_demo-1pct.py', {
                    'train_dataloader.dataset.pipeline.1.num_neighbours': 2,
                    'model.warmup_epochs': 0,
                    **fixed_views(2),
                }),
    'GFCNet': ('configs/gfcnet/gfcnet_r18-os16_1xb16-2e_demo.py',
               'configs/finetune/msfusion_r18-os16_gfcnet_1xb8-40e_demo-1pct.py',
               fixed_views(1)),
}
EPOCHS = 4


def _pretrain(repo_root, demo_root, work_dir, config, overrides):
    """The tiny pretraining of the other methods' test, with batches of 8
    placed on the demo grid, for EPOCHS epochs."""
    return tiny_pretrain(repo_root, demo_root, work_dir, config, {
        'train_dataloader.batch_size': 8,
        'train_dataloader.dataset.indices': 8,
        'train_cfg.max_epochs': EPOCHS,
        'param_scheduler.0.T_max': EPOCHS,
        'param_scheduler.0.end': EPOCHS,
        'default_hooks.logger.interval': 1,
        'model.global_head.in_channels': 64,
        **GRID,
        **overrides,
    })


@pytest.mark.parametrize('method', sorted(METHODS))
def test_loss_falls_and_checkpoint_fine_tunes(method, repo_root, demo_root,
                                              tmp_path):
    config, finetune, overrides = METHODS[method]
    runner = _pretrain(repo_root, demo_root, str(tmp_path), config,
                       overrides)
    hub = runner.message_hub
    losses = hub.get_scalar('train/loss').data[0]
    # one batch of the same 8 tiles and views each epoch
    assert len(losses) == EPOCHS and all(map(math.isfinite, losses))
    assert max(losses[-2:]) < min(losses[:2])
    if method == 'RiSSNet':
        relaxed = hub.get_scalar('train/relaxed_positives').data[0]
        # 3 neighbours a tile on a 2 x 2 grid, the 2 closest kept
        assert all(v == 2 for v in relaxed)
    else:
        fraction = hub.get_scalar('train/corrected_fraction').data[0]
        assert all(0 <= v <= 1 for v in fraction)

    ckpt_file = str(tmp_path / f'epoch_{EPOCHS}.pth')
    ckpt = torch.load(ckpt_file, weights_only=True)['state_dict']
    transfer = {k for k in ckpt if k.startswith(TRANSFER)}
    assert any(k.startswith('decode_head.aspp_modules.') for k in transfer)
    cfg = Config.fromfile(osp.join(repo_root, finetune))
    cfg.merge_from_dict({
        **TINY_NET,
        'model.init_cfg.checkpoint': ckpt_file,
        'train_dataloader.dataset.data_root': demo_root,
    })
    with DefaultScope.overwrite_default_scope('mmseg'):
        segmentor = SEG_MODELS.build(cfg.model)
        segmentor.init_weights()
        state = segmentor.state_dict()
        assert {k for k in state if k.startswith(TRANSFER)} == transfer
        assert all(torch.equal(state[k], ckpt[k]) for k in transfer)
        dataset = SEG_DATASETS.build(cfg.train_dataloader.dataset)
        batch = pseudo_collate([dataset[0], dataset[1]])
        optim = build_optim_wrapper(segmentor, cfg.optim_wrapper)
        segmentor.train()
        log_vars = segmentor.train_step(batch, optim)
    assert math.isfinite(log_vars['loss'].item())


@pytest.mark.parametrize('method', sorted(METHODS))
def test_tiles_without_positions_are_refused(method, repo_root, demo_root):
    from mmpretrain.registry import DATASETS
    cfg = Config.fromfile(osp.join(repo_root, METHODS[method][0]))
    dataset = cfg.train_dataloader.dataset
    dataset.update(data_root=demo_root, positions=None)
    with DefaultScope.overwrite_default_scope('mmpretrain'):
        with pytest.raises(ValueError) as info:
            DATASETS.build(dataset)
    assert 'train_RGBIR.txt' in str(info.value)
    assert 'tiles without positions' in str(info.value)
    assert glob.glob(osp.join(demo_root, 'train_RGBIR', '*.tif'))


@pytest.mark.parametrize('region', ['rural', 'urban'])
def test_loveda_windows_carry_positions(region, repo_root, tmp_path):
    """LoveDA has no georeference: GFCNet's LoveDA windows are placed by
    their pixel offsets in their image, each image a frame of its own."""
    from mmpretrain.registry import DATASETS
    root = tmp_path / 'Train' / region.capitalize()
    (root / 'images_png').mkdir(parents=True)
    rng = np.random.default_rng(0)
    images = {}
    for name in ('1.png', '2.png'):
        images[name] = rng.integers(0, 255, (300, 320, 3), dtype=np.uint8)
        cv2.imwrite(str(root / 'images_png' / name), images[name])
    cfg = Config.fromfile(
        osp.join(repo_root, 'configs', 'gfcnet',
                 f'gfcnet_r50-os16_8xb32-400e_loveda-{region}.py'))
    dataset = cfg.train_dataloader.dataset
    assert dataset.data_root == f'data/loveDA/Train/{region.capitalize()}/'
    pipeline = dataset.pipeline
    assert [t['type'] for t in pipeline[-2:]] == ['SamplePosition',
                                                   'PackInputs']
    # everything but the packing, to see the window beside its position
    dataset.update(data_root=str(root), samples_per_epoch=12,
                   pipeline=pipeline[:-1])
    with DefaultScope.overwrite_default_scope('mmpretrain'):
        ds = DATASETS.build(dataset)
    np.random.seed(0)
    frames = {}
    for i in range(len(ds)):
        out = ds[i]
        x, y, w, h = out['window']
        assert (w, h) == (256, 256)
        assert out['centre'].tolist() == [x + 128.0, y + 128.0]
        frames.setdefault(osp.basename(out['img_path']),
                          set()).add(out['frame'])
    # one frame per image, never shared between images
    assert sorted(frames) == ['1.png', '2.png']
    assert all(len(f) == 1 for f in frames.values())
    assert frames['1.png'] != frames['2.png']
