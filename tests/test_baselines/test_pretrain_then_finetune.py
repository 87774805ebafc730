"""Every pretraining method trains on CPU and its checkpoint initialises
the one fine-tuning segmentor (backbone + ASPP, by name)."""
import glob
import math
import os.path as osp

import pytest
import torch
from mmengine.config import Config
from mmengine.dataset import pseudo_collate
from mmengine.optim import build_optim_wrapper
from mmengine.registry import DefaultScope
from mmengine.runner import Runner
from mmseg.registry import DATASETS
from mmseg.registry import MODELS as SEG_MODELS

from grsim_mm.utils.pretrained import KEY_GROUPS

FINETUNE_CONFIG = 'configs/finetune/deeplabv3plus_r18-os16_glcnet_1xb8-40e_demo-1pct.py'
# The demo ResNet-18 at 1/4 width with a 64-channel ASPP, in pretraining and
# fine-tuning alike, so every method runs in seconds.
TINY_NET = {
    'model.backbone.stem_channels': 16,
    'model.backbone.base_channels': 16,
    'model.decode_head.in_channels': 128,
    'model.decode_head.c1_in_channels': 16,
    'model.decode_head.channels': 64,
}
VIEWS = {'train_dataloader.dataset.pipeline.1.crop_size': 32}
# config, overrides: heads sized for the 64-channel ASPP, tiny inputs.
METHODS = {
    'SSCCL': ('configs/ssccl/ssccl_r18-os16_1xb16-2e_demo.py', {
        **VIEWS, 'train_dataloader.dataset.pipeline.2.min_overlap': 4,
        'model.instance_head.in_channels': 64
    }),
    'SimCLR': ('configs/baselines/simclr_r18-os16_1xb16-2e_demo.py', {
        **VIEWS, 'model.global_head.in_channels': 64
    }),
    'MoCoV2': ('configs/baselines/mocov2_r18-os16_1xb16-2e_demo.py', {
        **VIEWS, 'model.neck.in_channels': 64
    }),
    'DenseCL': ('configs/baselines/densecl_r18-os16_1xb16-2e_demo.py', {
        **VIEWS, 'model.neck.in_channels': 64
    }),
    'Inpainting': ('configs/baselines/inpainting_r18-os16_1xb16-2e_demo.py', {
        'train_dataloader.dataset.pipeline.1.scale': 32,
        'model.head.in_channels': 64,
        'model.head.skip_channels': (32, 16),
        'model.head.channels': (32, 16)
    }),
    'Jigsaw': ('configs/baselines/jigsaw_r18-os16_1xb16-2e_demo.py', {
        'train_dataloader.dataset.pipeline.3.cell_size': 16,
        'train_dataloader.dataset.pipeline.3.tile_size': 14,
        'model.head.in_channels': 64
    }),
}
TRANSFER = KEY_GROUPS['backbone'] + KEY_GROUPS['aspp']


def _pretrain(repo_root, demo_root, work_dir, config, overrides):
    """The trained Runner of a demo config at tiny widths."""
    cfg = Config.fromfile(osp.join(repo_root, config))
    cfg.work_dir = work_dir
    cfg.log_level = 'WARNING'
    cfg.merge_from_dict({
        'train_dataloader.batch_size': 2,
        'train_dataloader.num_workers': 0,
        'train_dataloader.persistent_workers': False,
        'train_dataloader.dataset.data_root': demo_root,
        'train_dataloader.dataset.indices': 4,
        'train_cfg.max_epochs': 1,
        **TINY_NET,
        **overrides,
    })
    runner = Runner.from_cfg(cfg)
    runner.train()
    return runner


def last_loss(runner):
    return float(runner.message_hub.get_scalar('train/loss').data[0][-1])


def finetune_from(ckpt_file, model, repo_root, demo_root):
    """The checkpoint holds the segmentor's names and the trained model's
    tensors, loads into the fine-tuning segmentor (backbone + ASPP) and one
    fine-tuning step changes them."""
    ckpt = torch.load(ckpt_file, weights_only=True)['state_dict']
    # The segmentor's names, whatever the algorithm wraps internally.
    assert not any(k.startswith('backbone.backbone.') for k in ckpt)
    transfer = {k for k in ckpt if k.startswith(TRANSFER)}
    assert any(k.startswith('backbone.layer4.') for k in transfer)
    assert any(k.startswith('decode_head.aspp_modules.') for k in transfer)
    # The checkpoint holds the trained model's own tensors under them.
    live = model.state_dict()
    key = 'backbone.layer1.0.conv1.weight'
    assert torch.equal(live[key], ckpt[key])

    cfg = Config.fromfile(osp.join(repo_root, FINETUNE_CONFIG))
    cfg.merge_from_dict({
        **TINY_NET,
        'model.init_cfg.checkpoint': ckpt_file,
        'model.init_cfg.mode': 'backbone+aspp',
        'train_dataloader.dataset.data_root': demo_root,
    })
    with DefaultScope.overwrite_default_scope('mmseg'):
        segmentor = SEG_MODELS.build(cfg.model)
        segmentor.init_weights()
        state = segmentor.state_dict()
        selected = {k for k in state if k.startswith(TRANSFER)}
        assert selected == transfer
        for k in selected:
            assert torch.equal(state[k], ckpt[k]), k
        # One fine-tuning step through the segmentor's own pipeline.
        dataset = DATASETS.build(cfg.train_dataloader.dataset)
        batch = pseudo_collate([dataset[0], dataset[1]])
        optim = build_optim_wrapper(segmentor, cfg.optim_wrapper)
        segmentor.train()
        log_vars = segmentor.train_step(batch, optim)
    assert math.isfinite(log_vars['loss'].item())
    assert not torch.equal(segmentor.state_dict()[key], ckpt[key])


@pytest.mark.parametrize('method', sorted(METHODS))
def test_method_pretrains_and_finetunes(method, repo_root, demo_root,
                                        tmp_path):
    config, overrides = METHODS[method]
    runner = _pretrain(repo_root, demo_root, str(tmp_path), config,
                       overrides)
    assert math.isfinite(last_loss(runner))
    ckpt_file = glob.glob(str(tmp_path / 'epoch_1.pth'))[0]
    finetune_from(ckpt_file, runner.model, repo_root, demo_root)
