"""FNCCLoss with gather_negatives: two gloo processes equal one process."""

import pytest
import torch
import torch.distributed as dist
from _fncc_reference import make_batch, reference_fncc

from grsim_mm.models.losses import FNCCLoss

WORLD = 2
NUM = 6  # images in the whole batch, 3 per rank
# image 1 (rank 0) close to image 4 (rank 1): the calibrated pair spans ranks
CLOSE = (1, 4)
OPTIONS = {
    'released': dict(),
    'per_anchor_all_cos': dict(fnsd_scope='per_anchor', candidate_scope='all',
                               compare_space='cos', confidence_weight=0.5),
}


def worker(rank, port, queue):
    """Every option in one pair of ranks (a spawn costs more than a loss)."""
    torch.set_num_threads(1)  # two ranks share the machine's cores
    dist.init_process_group('gloo', init_method=f'tcp://127.0.0.1:{port}',
                            rank=rank, world_size=WORLD)
    try:
        z1, z2 = make_batch(num=NUM, close=CLOSE)
        rows = slice(rank * NUM // WORLD, (rank + 1) * NUM // WORLD)
        out = {}
        for option, kwargs in OPTIONS.items():
            a = z1[rows].clone().requires_grad_()
            b = z2[rows].clone().requires_grad_()
            loss = FNCCLoss(gather_negatives=True, **kwargs)(a, b)
            loss.backward()
            # what DDP does with the parameters' gradients: average them
            mean_loss = loss.detach().clone()
            dist.all_reduce(mean_loss)
            out[option] = (mean_loss.item() / WORLD,
                           (a.grad / WORLD).numpy(), (b.grad / WORLD).numpy())
        queue.put((rank, out))
    finally:
        dist.destroy_process_group()


def test_two_ranks_equal_one_process(run_ranks):
    z1, z2 = make_batch(num=NUM, close=CLOSE)
    # the calibration fires, and on a pair whose images sit on both ranks
    _, fired = reference_fncc(z1, z2)
    assert [{i % NUM, j % NUM} for i, j in fired] == [set(CLOSE)]

    results = run_ranks(worker, world=WORLD)

    for option, kwargs in OPTIONS.items():
        a, b = z1.clone().requires_grad_(), z2.clone().requires_grad_()
        single = FNCCLoss(gather_negatives=True, **kwargs)(a, b)
        single.backward()
        assert single < FNCCLoss(confidence_weight=0.0)(z1, z2) - 1e-3
        ranks = [out[option] for _, out in results]
        for mean_loss, _, _ in ranks:
            assert mean_loss == pytest.approx(single.item(), rel=1e-12)
        grad1 = torch.cat([torch.from_numpy(r[1]) for r in ranks])
        grad2 = torch.cat([torch.from_numpy(r[2]) for r in ranks])
        torch.testing.assert_close(grad1, a.grad, rtol=1e-10, atol=1e-13)
        torch.testing.assert_close(grad2, b.grad, rtol=1e-10, atol=1e-13)
