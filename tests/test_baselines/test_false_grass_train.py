"""FALSE and GraSS train on the demo data (GraSS: one epoch of warm-up, then
gradient-guided sampling), lower their loss on a fixed batch, keep a
best-loss checkpoint of the right stage, and their checkpoints initialise
the fine-tuning segmentor."""
import math

import pytest
import torch
from mmengine.dataset import default_collate
from test_pretrain_then_finetune import (VIEWS, _pretrain, finetune_from,
                                         last_loss)

METHODS = {
    'FALSE': ('configs/false/false_r18-os16_1xb16-2e_demo.py', {
        **VIEWS, 'model.global_head.in_channels': 64
    }),
    'GraSS': ('configs/grass/grass_r18-os16_1xb16-2e_demo.py', {
        **VIEWS, 'model.head.in_channels': 64
    }),
}


def descent(runner, steps=4):
    """Losses of a few training steps on one fixed batch of 4 pairs."""
    dataset = runner.train_dataloader.dataset
    batch = default_collate([dataset[i] for i in range(4)])
    torch.manual_seed(0)
    return [
        runner.model.train_step(batch, runner.optim_wrapper)['loss'].item()
        for _ in range(steps)
    ]


@pytest.mark.parametrize('method', sorted(METHODS))
def test_trains_lowers_its_loss_and_finetunes(method, repo_root, demo_root,
                                              tmp_path):
    config, overrides = METHODS[method]
    runner = _pretrain(repo_root, demo_root, str(tmp_path), config, {
        **overrides, 'train_cfg.max_epochs': 2
    })
    assert math.isfinite(last_loss(runner))
    model = runner.model
    if method == 'GraSS':
        # the second epoch sampled crops, and its checkpoint is the best,
        # whatever the warm-up's loss
        assert model.gs_active
        areas = runner.message_hub.get_scalar('train/crop_area').data[0]
        assert len(areas) == 2 and all(0 < a <= 1 for a in areas)
        best = [p.name for p in tmp_path.glob('best_loss_epoch_*.pth')]
        assert best == ['best_loss_epoch_2.pth']
    finetune_from(str(tmp_path / 'epoch_2.pth'), model, repo_root,
                  demo_root)
    losses = descent(runner)
    assert losses[-1] < losses[0], losses
