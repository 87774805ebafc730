"""SelfDistillLoss against a float64 loop over crop pairs."""
import math

import pytest
import torch

import grsim_mm  # noqa: F401
from grsim_mm.models.losses import SelfDistillLoss


def reference_loss(student, teacher, center, student_temp, teacher_temp):
    """DINO's loss written as plain loops in float64."""
    total, terms = 0., 0
    for i, t_crop in enumerate(teacher):
        for j, s_crop in enumerate(student):
            if i == j:
                continue
            per_sample = []
            for t_row, s_row in zip(t_crop.double(), s_crop.double()):
                t = (t_row - center.double()) / teacher_temp
                p_t = [math.exp(v - t.max().item()) for v in t.tolist()]
                z_t = sum(p_t)
                s = s_row / student_temp
                log_z_s = math.log(
                    sum(math.exp(v - s.max().item()) for v in s.tolist())
                ) + s.max().item()
                per_sample.append(-sum(
                    p / z_t * (v - log_z_s)
                    for p, v in zip(p_t, s.tolist())))
            total += sum(per_sample) / len(per_sample)
            terms += 1
    return total / terms, terms


@pytest.fixture
def crops():
    gen = torch.Generator().manual_seed(0)
    batch, dim = 3, 7
    # 2 global crops (the teacher's) and 3 local crops; the student sees all
    student = [torch.randn(batch, dim, generator=gen) * 2 for _ in range(5)]
    teacher = [torch.randn(batch, dim, generator=gen) * 2 for _ in range(2)]
    center = torch.randn(1, dim, generator=gen)
    return student, teacher, center


def test_loss_matches_float64_loop(crops):
    student, teacher, center = crops
    loss_fn = SelfDistillLoss(
        out_dim=7, student_temp=0.1, teacher_temp=0.05, center_momentum=0.9)
    loss_fn.center.copy_(center)
    loss = loss_fn(student, teacher)
    expected, terms = reference_loss(student, teacher, center[0], 0.1, 0.05)
    assert terms == 2 * 5 - 2
    assert loss.item() == pytest.approx(expected, rel=1e-5)


def test_other_temperatures_and_zero_center(crops):
    student, teacher, _ = crops
    loss_fn = SelfDistillLoss(out_dim=7, student_temp=0.2, teacher_temp=0.07)
    expected, _ = reference_loss(student, teacher, torch.zeros(7), 0.2, 0.07)
    assert loss_fn(student, teacher).item() == pytest.approx(
        expected, rel=1e-5)
    # the warm-up hook changes the teacher temperature between iterations
    loss_fn.teacher_temp = 0.04
    loss_fn.center.zero_()
    expected, _ = reference_loss(student, teacher, torch.zeros(7), 0.2, 0.04)
    assert loss_fn(student, teacher).item() == pytest.approx(
        expected, rel=1e-5)


def test_center_update(crops):
    student, teacher, center = crops
    loss_fn = SelfDistillLoss(out_dim=7, center_momentum=0.9)
    loss_fn.center.copy_(center)
    loss_fn(student, teacher)
    batch_mean = torch.cat(teacher).double().mean(0)
    expected = 0.9 * center[0].double() + 0.1 * batch_mean
    torch.testing.assert_close(loss_fn.center[0].double(), expected,
                               rtol=0, atol=1e-6)
    # the loss of a step uses the centre from before that step's update
    loss_fn.center.copy_(center)
    first = loss_fn(student, teacher).item()
    second = loss_fn(student, teacher).item()
    assert first == pytest.approx(
        reference_loss(student, teacher, center[0], 0.1, 0.04)[0], rel=1e-5)
    assert second != pytest.approx(first, rel=1e-6)


def test_no_gradient_into_teacher(crops):
    student, teacher, _ = crops
    student = [s.clone().requires_grad_() for s in student]
    teacher = [t.clone().requires_grad_() for t in teacher]
    SelfDistillLoss(out_dim=7)(student, teacher).backward()
    assert all(t.grad is None for t in teacher)
    assert all(s.grad.abs().sum() > 0 for s in student)


def test_identical_views_excluded():
    # one global crop seen by both networks and nothing else: no pair left
    loss_fn = SelfDistillLoss(out_dim=4)
    x = torch.randn(2, 4)
    with pytest.raises(ValueError, match='no crop pair'):
        loss_fn([x], [x])


def test_bad_arguments():
    with pytest.raises(ValueError, match='teacher_temp'):
        SelfDistillLoss(out_dim=4, teacher_temp=0.)
    with pytest.raises(ValueError, match='center_momentum'):
        SelfDistillLoss(out_dim=4, center_momentum=1.5)
    loss_fn = SelfDistillLoss(out_dim=4)
    with pytest.raises(ValueError, match='out_dim'):
        loss_fn([torch.randn(2, 5)] * 3, [torch.randn(2, 5)] * 2)
    with pytest.raises(ValueError, match='teacher'):
        loss_fn([torch.randn(2, 4)] * 2, [torch.randn(2, 4)] * 3)
