"""LaST: EMA teacher, centre, crop routing, backbones and checkpoints."""
import math

import pytest
import torch
from mmengine.logging import MessageHub
from mmengine.optim import OptimWrapper
from mmengine.runner.checkpoint import _load_checkpoint_with_prefix
from mmpretrain.registry import MODELS
from mmpretrain.structures import DataSample

from grsim_mm.models.losses import SelfDistillLoss

from last_tiny import (GLOBAL_SIZE, NUM_BANDS, TINY_SWIN_ARCH, build_last,
                       crops, set_max_iters, vit_backbone)


def batch(**kwargs):
    views = crops(**kwargs)
    return dict(inputs=views,
                data_samples=[DataSample() for _ in range(views[0].size(0))])


def params(net):
    return {k: v.detach().double().clone() for k, v in net.named_parameters()}


def cosine_new_weight(start, end, step, max_iters):
    """mmpretrain CosineEMA's weight of the new value, by hand."""
    return end - (end - start) * (math.cos(math.pi * step / max_iters) +
                                  1) / 2


def test_teacher_is_the_ema_of_the_student():
    set_max_iters(10)
    model = build_last()
    optim = OptimWrapper(torch.optim.SGD(model.parameters(), lr=0.5))
    data = batch()
    theta0 = params(model.student)
    # update 1 copies the student (mmengine's first call), then SGD moves
    # the student
    model.train_step(data, optim)
    teacher = params(model.teacher.module)
    assert teacher.keys() == theta0.keys()
    for key, value in theta0.items():
        assert torch.equal(teacher[key], value), key
    theta1 = params(model.student)
    # update 2 blends with DINO's m = 0.996 (new-value weight 0.004 at the
    # cosine's start)
    model.train_step(data, optim)
    new_weight = cosine_new_weight(0.004, 0., 1, 10)
    assert new_weight == pytest.approx(0.004 * (math.cos(math.pi / 10) + 1) /
                                       2)
    teacher = params(model.teacher.module)
    for key in theta0:
        expected = (1 - new_weight) * theta0[key] + new_weight * theta1[key]
        torch.testing.assert_close(teacher[key], expected, rtol=0, atol=1e-7)
    moved = sum((teacher[k] - theta0[k]).norm()**2 for k in theta0).sqrt()
    step = sum((theta1[k] - theta0[k]).norm()**2 for k in theta0).sqrt()
    # the teacher changed, by the new-value weight of the student's step
    assert step > 0.1
    assert (moved / step).item() == pytest.approx(new_weight, rel=1e-4)


def test_center_follows_the_teacher_outputs():
    set_max_iters(10)
    model = build_last()
    optim = OptimWrapper(torch.optim.SGD(model.parameters(), lr=0.5))
    data = batch()
    globals_ = torch.cat(data['inputs'][:2])
    center = torch.zeros(1, 24, dtype=torch.float64)
    for _ in range(2):
        model.train_step(data, optim)
        # the teacher of this step is the one updated at its start and
        # unchanged by the optimiser
        with torch.no_grad():
            out = model.teacher.module(globals_).double()
        center = 0.9 * center + 0.1 * out.mean(0, keepdim=True)
        torch.testing.assert_close(model.loss_module.center.double(), center,
                                   rtol=0, atol=1e-6)


@pytest.mark.parametrize('backbone,neck,in_channels', [
    (vit_backbone(), None, 32),
    (dict(type='SwinTransformer', arch=TINY_SWIN_ARCH, img_size=GLOBAL_SIZE,
          in_channels=NUM_BANDS, out_indices=(1, ), pad_small_map=True),
     dict(type='GlobalAveragePooling'), 32),
    (dict(type='ResNet', depth=18, in_channels=NUM_BANDS, stem_channels=8,
          base_channels=8, out_indices=(3, )),
     dict(type='GlobalAveragePooling'), 64),
], ids=['vit', 'swin', 'resnet'])
def test_loss_routes_crops(backbone, neck, in_channels):
    """The teacher sees the globals, the student every crop in order."""
    set_max_iters(10)
    model = build_last(backbone=backbone, neck=neck, in_channels=in_channels)
    model.eval()  # BatchNorm on running statistics: crops are independent
    views = crops(num_local=3)
    losses = model.loss(views, [])
    with torch.no_grad():
        student = [model.student(v) for v in views]
        teacher = [model.teacher.module(v) for v in views[:2]]
    expected = SelfDistillLoss(out_dim=24)(student, teacher)
    assert losses['loss'].item() == pytest.approx(expected.item(), rel=1e-5)
    assert losses['teacher_temp'].item() == pytest.approx(0.04)
    model.teacher_temp = 0.07
    assert model.loss_module.teacher_temp == 0.07


def test_student_and_teacher_load_into_image_classifier(tmp_path):
    set_max_iters(10)
    model = build_last()
    optim = OptimWrapper(torch.optim.SGD(model.parameters(), lr=0.5))
    for _ in range(2):  # teacher and student differ from here on
        model.train_step(batch(), optim)
    path = str(tmp_path / 'last.pth')
    torch.save(dict(state_dict=model.state_dict(), meta={}), path)
    for prefix, source in (('backbone.', model.backbone),
                           ('teacher.module.backbone.',
                            model.teacher.module.backbone)):
        classifier = MODELS.build(dict(
            type='ImageClassifier',
            backbone=vit_backbone(init_cfg=dict(
                type='Pretrained', checkpoint=path, prefix=prefix)),
            head=dict(type='LinearClsHead', num_classes=3, in_channels=32)))
        classifier.init_weights()
        loaded = classifier.backbone.state_dict()
        assert loaded.keys() == source.state_dict().keys()
        for key, value in source.state_dict().items():
            assert torch.equal(loaded[key], value), key
        # nothing missing, nothing left over
        classifier.backbone.load_state_dict(
            _load_checkpoint_with_prefix(prefix, path), strict=True)
    assert not torch.equal(model.backbone.cls_token,
                           model.teacher.module.backbone.cls_token)


def test_vit_small_keys_match_the_classifier():
    """ViT-S/16 is mmpretrain's 'deit-small' (384-d, 12 layers), not
    'small' (768-d)."""
    backbone = dict(type='VisionTransformer', arch='deit-small', img_size=224,
                    patch_size=16, in_channels=13, out_type='cls_token')
    torch.manual_seed(0)
    model = MODELS.build(dict(
        type='LaST', backbone=backbone,
        head=dict(type='SelfDistillHead', in_channels=384, out_dim=16,
                  hidden_dim=16, bottleneck_dim=8)))
    classifier = MODELS.build(dict(
        type='ImageClassifier', backbone=backbone,
        head=dict(type='LinearClsHead', num_classes=45, in_channels=384)))
    ours = {k: v.shape for k, v in model.backbone.state_dict().items()}
    theirs = {k: v.shape for k, v in classifier.backbone.state_dict().items()}
    assert ours == theirs
    assert ours['cls_token'] == (1, 1, 384)
    assert len(model.backbone.layers) == 12
    assert model.backbone.layers[0].attn.num_heads == 6


def test_clear_errors():
    with pytest.raises(ValueError, match='weight of the old teacher'):
        build_last(teacher_momentum=0.996, teacher_momentum_end=1.5)
    model = build_last()
    MessageHub.get_instance('last_test_without_max_iters')
    with pytest.raises(RuntimeError, match='max_iters'):
        model.loss(crops(), [])
    set_max_iters(10)
    with pytest.raises(TypeError, match='list of crops'):
        model.loss(crops()[0], [])
    with pytest.raises(ValueError, match='num_global_crops'):
        model.loss(crops()[:1], [])
