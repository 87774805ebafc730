"""RiSSNet: warm-up is NT-Xent, candidates are ranked by feature loss, the
relaxed rows enter the multi-positive loss with the anchor's identity, and
ranking leaves BatchNorm's running statistics alone."""
import copy

import numpy as np
import pytest
import torch
from _glcnet_tiny import TINY_GLCNET
from mmengine.logging import MessageHub
from mmpretrain.registry import MODELS
from mmpretrain.structures import DataSample
from test_multi_positive_info_nce_loss import reference_loss

import grsim_mm  # noqa: F401
from grsim_mm.models.losses import NTXentLoss

B, K, SIZE = 3, 4, 32


def tiny_rissnet(**kwargs):
    cfg = copy.deepcopy(TINY_GLCNET)
    for key in ('local_head', 'loss_lambda'):
        cfg.pop(key)
    # no ASPP dropout, so that a pass is a function of its batch
    cfg['decode_head']['aspp_dropout_ratio'] = 0.0
    cfg.update(
        type='RiSSNet',
        global_head=dict(type='GlobalContrastHead', in_channels=32, hid_channels=32,
                  out_channels=16,
                  loss=dict(type='MultiPositiveInfoNCELoss',
                            temperature=0.5)),
        **kwargs)
    torch.manual_seed(0)
    return MODELS.build(cfg)


def batch(valid=None, seed=0):
    """Views and K candidates per anchor: candidate 1 is the anchor's view
    1 itself, candidate 3 too but marked invalid, the others are noise."""
    gen = torch.Generator().manual_seed(seed)

    def noise():
        return torch.randint(0, 256, (B, 4, SIZE, SIZE), generator=gen,
                             dtype=torch.uint8)

    view1, view2 = noise(), noise()
    candidates = [noise(), view1.clone(), noise(), view1.clone()]
    valid = torch.tensor([True, True, True, False]) if valid is None else valid
    samples = []
    for _ in range(B):
        sample = DataSample()
        sample.set_field(valid.clone(), 'neighbour_valid')
        samples.append(sample)
    return dict(inputs=[view1, view2, *candidates], data_samples=samples)


@pytest.fixture
def epoch():
    hub = MessageHub.get_instance('rissnet_test')

    def set_epoch(value):
        hub.update_info('epoch', value)

    yield set_epoch
    hub.update_info('epoch', None)


def capture_loss(model):
    """What the model hands its loss."""
    seen = {}

    def hook(module, args, output):
        embeddings, pos_mask, valid = args
        seen.update(embeddings=embeddings.detach().clone(),
                    pos_mask=pos_mask.clone(), valid=valid.clone())

    model.global_head.loss_module.register_forward_hook(hook)
    return seen


def run(model, data, mode='loss'):
    data = model.data_preprocessor(copy.deepcopy(data), training=True)
    return model(**data, mode=mode), data['inputs']


def test_warm_up_is_nt_xent(epoch):
    model = tiny_rissnet(warmup_epochs=2).eval()
    epoch(1)
    losses, inputs = run(model, batch())
    assert set(losses) == {'loss_contrast'}
    with torch.no_grad():
        z1, z2 = model._embed(inputs[0]), model._embed(inputs[1])
    expected = NTXentLoss(temperature=0.5)(z1, z2)
    assert losses['loss_contrast'].item() == pytest.approx(expected.item(),
                                                           rel=1e-6)
    epoch(2)
    losses, _ = run(model, batch())
    assert 'relaxed_positives' in losses


def test_relaxed_rows_and_their_positives():
    model = tiny_rissnet(num_relaxed=2).eval()
    seen = capture_loss(model)
    losses, inputs = run(model, batch())
    # rows: view 1 (0..2), view 2 (3..5), two relaxed rows per anchor (6..11)
    labels = np.array([0, 1, 2, 0, 1, 2, 0, 0, 1, 1, 2, 2])
    expected_mask = (labels[:, None] == labels[None]) & ~np.eye(12, dtype=bool)
    np.testing.assert_array_equal(seen['pos_mask'].numpy(), expected_mask)
    assert seen['valid'].all()  # two valid candidates under no threshold
    assert losses['relaxed_positives'].item() == 2
    # the first relaxed row of each anchor is its twin (candidate 1), the
    # invalid twin (candidate 3) is never chosen
    with torch.no_grad():
        twin = model._embed(inputs[0])
    torch.testing.assert_close(seen['embeddings'][6::2], twin, atol=1e-4,
                               rtol=0)
    expected = reference_loss(seen['embeddings'].numpy(), expected_mask, 0.5,
                              'mean_of_logs')
    assert losses['loss_contrast'].item() == pytest.approx(expected, rel=1e-5)


def test_selection_by_threshold_and_validity():
    model = tiny_rissnet(num_relaxed=2, threshold=1e-4).eval()
    data = batch()
    data = model.data_preprocessor(data, training=True)
    inputs = data['inputs']
    candidates = torch.stack(inputs[2:], 1)
    valid = torch.tensor([[True, True, True, False]] * B)
    with torch.no_grad():
        z1 = model._embed(inputs[0])
        order, keep, dist = model.select(inputs[0], candidates, valid, z1)
    assert (order[:, 0] == 1).all() and (order != 3).all()
    assert keep[:, 0].all() and not keep[:, 1].any()
    assert (dist[:, 0] < 1e-4).all()
    # an invalid twin is not chosen even when it is the only close one
    valid[:, 1] = False
    with torch.no_grad():
        order, keep, _ = model.select(inputs[0], candidates, valid, z1)
    assert not keep.any() and (order != 1).all() and (order != 3).all()


def test_mse_ranks_the_twin_first():
    model = tiny_rissnet(feature_loss='mse').eval()
    data = model.data_preprocessor(batch(), training=True)
    inputs = data['inputs']
    with torch.no_grad():
        z1 = model._embed(inputs[0])
        order, _, dist = model.select(inputs[0], torch.stack(inputs[2:], 1),
                                      torch.ones(B, K, dtype=torch.bool), z1)
    assert set(order[:, 0].tolist()) <= {1, 3} and (dist[:, 0] < 1e-6).all()


@pytest.mark.parametrize('encoder', ['current', 'momentum'])
def test_ranking_leaves_running_statistics_alone(encoder):
    model = tiny_rissnet(ranking_encoder=encoder).train()
    bn = model.backbone.bn1
    losses, _ = run(model, batch())
    # view 1, view 2 and the relaxed pass; not the ranking pass
    assert bn.num_batches_tracked.item() == 3
    # and restoring them does not break the backward of the passes before
    losses['loss_contrast'].backward()
    assert model.backbone.conv1.weight.grad.abs().sum() > 0


def test_momentum_ranking_encoder():
    model = tiny_rissnet(ranking_encoder='momentum', ranking_momentum=0.9)
    model.train()
    key = 'backbone.conv1.weight'
    run(model, batch())
    ema = model.ranking_encoder.module.state_dict()
    assert torch.equal(ema[key], model.state_dict()[key])  # first: a copy
    before = ema[key].clone()
    with torch.no_grad():
        model.backbone.conv1.weight.add_(1.0)
    run(model, batch())
    torch.testing.assert_close(
        model.ranking_encoder.module.state_dict()[key],
        0.9 * before + 0.1 * model.backbone.conv1.weight.detach())
    # the segmentor's names are untouched by the copy
    assert not any(k.startswith('backbone.backbone') for k in
                   model.state_dict())


def test_errors():
    with pytest.raises(ValueError, match="feature_loss='l1' is not one of"):
        tiny_rissnet(feature_loss='l1')
    with pytest.raises(ValueError, match='num_relaxed must be at least 1'):
        tiny_rissnet(num_relaxed=0)
    with pytest.raises(ValueError, match='needs a global_head and no '):
        tiny_rissnet(local_head=TINY_GLCNET['local_head'])
    model = tiny_rissnet(num_relaxed=5)
    with pytest.raises(ValueError, match='fewer than num_relaxed=5'):
        run(model, batch())
    data = batch()
    data['inputs'] = data['inputs'][:2]
    with pytest.raises(ValueError, match='needs NeighbourTiles'):
        run(tiny_rissnet(), data)
