"""A GraSS sampling step with gathered negatives on two gloo processes
equals one process on the whole batch: crops, loss and (DDP-averaged)
parameter gradients. GroupNorm, so that per-rank BatchNorm statistics do not
enter the comparison."""
import pytest
import torch
import torch.distributed as dist
from _grass_tiny import build_grass, views

WORLD = 2
NUM = 4  # images in the whole batch, 2 per rank


def step(model, pair):
    model.gs_active = True
    out = model.loss(pair, [])
    out['loss'].backward()
    grads = [p.grad.detach().clone() for p in model.parameters()]
    return out['loss'].detach(), out['crop_area'].detach(), grads


def worker(rank, port, queue):
    torch.set_num_threads(1)  # two ranks share the machine's cores
    dist.init_process_group('gloo', init_method=f'tcp://127.0.0.1:{port}',
                            rank=rank, world_size=WORLD)
    try:
        rows = slice(rank * NUM // WORLD, (rank + 1) * NUM // WORLD)
        pair = [v[rows] for v in views(num=NUM)]
        loss, area, grads = step(build_grass(norm='GN', gather=True), pair)
        # what DDP does: average losses (for the log) and gradients
        for value in [loss, area, *grads]:
            dist.all_reduce(value)
            value /= WORLD
        queue.put((rank, loss.item(), area.item(),
                   [g.numpy() for g in grads]))
    finally:
        dist.destroy_process_group()


def test_two_ranks_equal_one_process(run_ranks):
    loss, area, grads = step(build_grass(norm='GN', gather=True),
                             views(num=NUM))
    assert 0 < area < 1

    results = run_ranks(worker, world=WORLD)

    for _, dist_loss, dist_area, dist_grads in results:
        # the same crops: their mean area over the global batch agrees
        assert dist_area == pytest.approx(area.item(), rel=1e-6)
        assert dist_loss == pytest.approx(loss.item(), rel=1e-5)
        for got, expected in zip(dist_grads, grads):
            torch.testing.assert_close(torch.from_numpy(got), expected,
                                       rtol=1e-4, atol=1e-6)
