"""FALSE and GraSS train on the demo data (GraSS: one epoch of warm-up, then
gradient-guided sampling), lower their loss on a fixed batch (GraSS: each
sampling step lowers the loss on the crops it sampled), keep a
best-loss checkpoint of the right stage, and their checkpoints initialise
the fine-tuning segmentor."""
import math

import pytest
import torch
from mmengine.dataset import default_collate
from test_pretrain_then_finetune import (VIEWS, _pretrain, finetune_from,
                                         last_loss)

# the shared encoder drops half the ASPP output in pretraining; without it
# a fixed batch has one loss, so that the descent checks compare like with
# like
NO_DROPOUT = {'model.decode_head.aspp_dropout_ratio': 0.0}
METHODS = {
    'FALSE': ('configs/false/false_r18-os16_1xb16-2e_demo.py', {
        **VIEWS, **NO_DROPOUT, 'model.global_head.in_channels': 64
    }),
    'GraSS': ('configs/grass/grass_r18-os16_1xb16-2e_demo.py', {
        **VIEWS, **NO_DROPOUT, 'model.head.in_channels': 64
    }),
}


def fixed_batch(runner, lr_scale=1.0):
    """One fixed batch of 4 pairs, and the schedule's initial learning rate
    times ``lr_scale`` (the trained run's cosine has ended at its floor)."""
    dataset = runner.train_dataloader.dataset
    for group in runner.optim_wrapper.optimizer.param_groups:
        group['lr'] = lr_scale * group['initial_lr']
    return default_collate([dataset[i] for i in range(4)])


def descent(runner, steps=4):
    """Losses of a few training steps on one fixed batch."""
    batch = fixed_batch(runner)
    return [
        runner.model.train_step(batch, runner.optim_wrapper)['loss'].item()
        for _ in range(steps)
    ]


def sampling_descent(runner, steps=3):
    """(before, after) of each gradient-guided sampling step on one fixed
    batch: the step's loss on the crops it sampled, and the loss of the
    updated model on those same crops. Across steps the crops follow the
    model, so the objective itself moves; each step must lower its own,
    which a step of a tenth of the initial learning rate does (a full one
    can overshoot on 4 pairs)."""
    batch = fixed_batch(runner, lr_scale=0.1)
    model = runner.model
    sample_views, crops = model.sample_views, []

    def recording(images):
        sampled = sample_views(images)
        crops.append(sampled['crops'].detach())
        return sampled

    model.sample_views = recording
    try:
        pairs = []
        for _ in range(steps):
            before = model.train_step(batch, runner.optim_wrapper)['loss']
            with torch.no_grad():
                pairs.append((before.item(), model.contrast(crops[-1]).item()))
    finally:
        del model.sample_views
    return pairs


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
    if method == 'GraSS':
        steps = sampling_descent(runner)
        assert len(steps) == 3 and all(a < b for b, a in steps), steps
    else:
        losses = descent(runner)
        assert losses[-1] < losses[0], losses
