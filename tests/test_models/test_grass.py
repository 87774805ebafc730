"""GraSS: the warm-up is SimCLR on one BatchNorm batch; a sampling step
equals the released step (full backward for the feature gradient, crop,
second pass) in loss and parameter gradients."""
import copy
import math

import pytest
import torch
from _grass_tiny import build_grass, grass_cfg, views
from mmpretrain.registry import MODELS

import grsim_mm.models.selfsup.grass as grass_module
from grsim_mm.models.utils import gradient_guided_crop


def nt_xent_loop(z1, z2, temperature):
    """Standard NT-Xent over [z1; z2], one anchor at a time, float64."""
    z = torch.nn.functional.normalize(torch.cat([z1, z2]).double(), dim=1)
    num = z1.size(0)
    total = 0.0
    for i in range(2 * num):
        sims = [(z[i] @ z[j]).item() / temperature for j in range(2 * num)]
        pos = sims[(i + num) % (2 * num)]
        denom = sum(math.exp(s) for j, s in enumerate(sims) if j != i)
        total += math.log(denom) - pos
    return total / (2 * num)


def project(model, feats):
    first, _, second = model.head.projector
    return second(first(feats.mean(dim=(2, 3))))


def test_warmup_is_simclr_over_one_batchnorm_batch():
    model = build_grass()
    pair = views()
    loss = model.loss(pair, [])
    assert set(loss) == {'loss'}
    with torch.no_grad():
        z = project(model, model.backbone(torch.cat(pair))[-1])
        per_view = [project(model, model.backbone(v)[-1]) for v in pair]
    expected = nt_xent_loop(z[:3], z[3:], 0.5)
    assert loss['loss'].item() == pytest.approx(expected, rel=1e-5)
    # one pass per view normalises with other statistics
    assert nt_xent_loop(*per_view, 0.5) != pytest.approx(expected, rel=1e-3)


def released_step(model, images):
    """The released GraSS step: full forward, full backward for dL/dlayer4,
    crop, then the loss of the second pass (whose backward is left to the
    caller)."""
    feats = model.backbone(images)[-1]
    feats.retain_grad()
    model.head.loss(*feats.chunk(2)).backward()
    crops, boxes = gradient_guided_crop(images, feats.detach(), feats.grad)
    model.zero_grad(set_to_none=True)
    return model.head.loss(*model.backbone(crops)[-1].chunk(2)), boxes


def test_sampling_step_equals_released_step():
    model = build_grass()
    reference = copy.deepcopy(model)
    model.gs_active = True
    pair = views()
    out = model.loss(pair, [])
    expected, (top, left, bottom, right) = released_step(
        reference, torch.cat(pair))
    assert out['loss'].item() == pytest.approx(expected.item(), rel=1e-5)
    area = ((bottom - top) * (right - left)).double() / 64**2
    assert 0 < out['crop_area'].item() < 1  # the views were cropped
    assert out['crop_area'].item() == pytest.approx(area.mean().item())

    out['loss'].backward()
    expected.backward()
    for (name, param), ref in zip(model.named_parameters(),
                                  reference.parameters()):
        torch.testing.assert_close(param.grad, ref.grad, rtol=1e-4,
                                   atol=1e-6, msg=name)


def test_first_pass_fills_no_parameter_gradient():
    model = build_grass()
    sampled = model.sample_views(torch.cat(views()))
    assert sampled['crops'].shape == (6, 4, 64, 64)
    assert all(p.grad is None for p in model.parameters())


def test_earlier_stage_continues_the_backbone_to_the_aspp_embedding():
    """heat_map_stage=2 (layer3): the gradient flows through layer4 and the
    ASPP; the crops equal those of a full backward to layer3."""
    model = build_grass(embed_from='aspp', heat_map_stage=2)
    reference = copy.deepcopy(model)
    images = torch.cat(views())
    crops = model.sample_views(images)['crops']

    feats = list(reference.backbone(images))
    feats[2].retain_grad()
    aspp = reference.decode_head.aspp_forward(feats)
    reference.head.loss(*aspp.chunk(2)).backward()
    expected, boxes = gradient_guided_crop(images, feats[2].detach(),
                                           feats[2].grad)
    assert ((boxes[2] - boxes[0]) * (boxes[3] - boxes[1]) < 64**2).any()
    torch.testing.assert_close(crops, expected)


def test_first_pass_runs_in_float32_under_autocast(monkeypatch):
    seen = []

    def spy(images, features, grads, threshold_ratio):
        seen.append(grads.dtype)
        return gradient_guided_crop(images, features, grads, threshold_ratio)

    monkeypatch.setattr(grass_module, 'gradient_guided_crop', spy)
    model = build_grass()
    model.gs_active = True
    with torch.autocast('cpu', dtype=torch.bfloat16):
        loss = model.loss(views(), [])['loss']
    assert seen == [torch.float32]
    assert torch.isfinite(loss)


@pytest.mark.parametrize('change, message', [
    (dict(embed_from='layer4'), 'embed_from'),
    (dict(heat_map_stage=4), 'heat_map_stage'),
    (dict(threshold_ratio=1.5), 'threshold_ratio'),
])
def test_bad_arguments_are_named(change, message):
    with pytest.raises(ValueError, match=message):
        MODELS.build({**grass_cfg(), **change})


def test_decode_head_must_match_the_embedding():
    with pytest.raises(ValueError, match='decode_head=None'):
        MODELS.build({**grass_cfg(embed_from='aspp'), 'embed_from': 'stage'})
    cfg = grass_cfg(embed_from='aspp')
    del cfg['decode_head']
    with pytest.raises(ValueError, match='give a decode_head'):
        MODELS.build(cfg)
    cfg = grass_cfg()
    cfg['backbone']['out_indices'] = (3, )
    with pytest.raises(ValueError, match='outputs every'):
        MODELS.build(cfg)
