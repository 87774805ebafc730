"""GLCNet algorithm: losses, ablation switches, training and failure modes."""
import pytest
import torch
import torch.nn.functional as F
from mmpretrain.registry import MODELS

import grsim_mm  # noqa: F401
from _glcnet_tiny import tiny_batch, tiny_cfg


def build(**overrides):
    torch.manual_seed(0)
    model = MODELS.build(tiny_cfg(**overrides))
    model.init_weights()
    return model


def losses_of(model, batch):
    data = model.data_preprocessor(batch, training=True)
    return model(**data, mode='loss')


def test_seg_modules_come_from_mmseg():
    from mmseg.models.backbones import ResNet
    from grsim_mm.models.decode_heads import DeepLabV3PlusHead
    model = build()
    assert type(model.backbone) is ResNet
    assert type(model.decode_head) is DeepLabV3PlusHead
    layer4 = model.backbone.layer4
    assert all(block.conv1.dilation == (2, 2) for block in layer4)
    assert model.backbone.conv1.kernel_size == (7, 7)


def test_total_is_weighted_sum_of_head_losses():
    model = build(loss_lambda=0.3)
    batch = tiny_batch()
    data = model.data_preprocessor(batch, training=True)
    model.eval()  # deterministic: no dropout, running BN statistics
    with torch.no_grad():
        losses = model.loss(**data)
        v1, v2 = data['inputs']
        a1, d1 = model._forward_view(v1)
        a2, d2 = model._forward_view(v2)
        windows = torch.stack([s.windows for s in batch['data_samples']])
        valid = torch.stack([s.window_valid for s in batch['data_samples']])
        expected_global = model.global_head.loss(a1, a2)
        # the reference pools windows of the map upsampled to the input
        up1, up2 = (F.interpolate(
            d, size=v1.shape[2:], mode='bilinear', align_corners=True)
                    for d in (d1, d2))
        expected_local = model.local_head.loss(up1, up2, windows, valid)
    assert set(losses) == {'loss_global', 'loss_local'}
    torch.testing.assert_close(losses['loss_global'], 0.3 * expected_global)
    torch.testing.assert_close(losses['loss_local'], 0.7 * expected_local)
    assert d1.shape == (4, 16, 16, 16)  # dense map at decoder resolution


@pytest.mark.parametrize('overrides,keys', [
    (dict(global_head=None), {'loss_local'}),
    (dict(local_head=None), {'loss_global'}),
])
def test_ablations_change_the_losses(overrides, keys):
    full = build().eval()
    model = build(**overrides).eval()
    # same weights for the shared parts
    model.load_state_dict(full.state_dict(), strict=False)
    with torch.no_grad():
        losses = losses_of(model, tiny_batch())
    assert set(losses) == keys
    with torch.no_grad():
        full_losses = losses_of(full, tiny_batch())
    # a single branch has weight 1, i.e. twice its share in the full model
    (key, ) = keys
    torch.testing.assert_close(losses[key], 2 * full_losses[key])


def test_no_local_skips_the_decoder():
    model = build(local_head=None)
    calls = []
    model.decode_head.decoder.register_forward_hook(
        lambda *args: calls.append(1))
    losses_of(model, tiny_batch())
    assert not calls


def test_no_style_head_sees_mean_only():
    cfg = tiny_cfg()
    cfg['global_head'] = dict(cfg['global_head'], style=False)
    torch.manual_seed(0)
    model = MODELS.build(cfg)
    assert model.global_head.projector[0].in_features == 32
    assert torch.isfinite(losses_of(model, tiny_batch())['loss_global'])


def test_needs_at_least_one_head():
    with pytest.raises(ValueError):
        MODELS.build(tiny_cfg(global_head=None, local_head=None))


def test_concat_views_equals_two_passes_without_batch_statistics():
    two = build().eval()
    one = build(concat_views=True).eval()
    with torch.no_grad():
        a = losses_of(two, tiny_batch())
        b = losses_of(one, tiny_batch())
    for key in a:
        torch.testing.assert_close(a[key], b[key], rtol=1e-4, atol=1e-5)


def test_concat_views_pools_batch_statistics_in_training():
    two, one = build(), build(concat_views=True)
    torch.manual_seed(1)
    a = losses_of(two, tiny_batch())
    torch.manual_seed(1)
    b = losses_of(one, tiny_batch())
    assert a['loss_global'].item() != pytest.approx(b['loss_global'].item())


def test_non_finite_loss_raises_with_iteration():
    from mmengine.logging import MessageHub
    model = build()
    hub = MessageHub.get_instance('glcnet_nan_test')
    hub.update_info('iter', 17)
    batch = tiny_batch()
    with torch.no_grad():
        model.local_head.projector[0].weight.fill_(float('nan'))
    with pytest.raises(RuntimeError, match='iteration 17'):
        losses_of(model, batch)


def test_few_adam_steps_lower_the_loss():
    model = build()
    batch = tiny_batch()
    optim = torch.optim.Adam(model.parameters(), lr=1e-3)
    history = []
    for _ in range(4):
        torch.manual_seed(0)  # same dropout masks: compare like with like
        losses = losses_of(model, batch)
        total = sum(losses.values())
        optim.zero_grad()
        total.backward()
        optim.step()
        history.append(total.item())
    assert history[-1] < history[0] - 0.05, history


def test_extract_feat_returns_the_backbone_stages():
    model = build().eval()
    x = torch.randn(2, 4, 64, 64)
    feats = model.extract_feat(x)
    assert [f.shape[1:] for f in feats] == [(16, 16, 16), (32, 8, 8),
                                            (64, 4, 4), (128, 4, 4)]
    torch.testing.assert_close(model(x, mode='tensor')[3], feats[3])
