"""gather_negatives: two gloo processes reproduce one process on the batch."""

import pytest
import torch
import torch.distributed as dist

from grsim_mm.models.losses import DecoupledNTXentLoss, NTXentLoss

WORLD = 2
LOSSES = {'decoupled': DecoupledNTXentLoss, 'standard': NTXentLoss}



def full_batch():
    gen = torch.Generator().manual_seed(0)
    z1 = torch.randn(6, 5, generator=gen, dtype=torch.float64)
    z2 = torch.randn(6, 5, generator=gen, dtype=torch.float64)
    valid = torch.tensor([True, True, False, True, True, True])
    return z1, z2, valid


def worker(rank, port, kind, queue):
    dist.init_process_group('gloo', init_method=f'tcp://127.0.0.1:{port}',
                            rank=rank, world_size=WORLD)
    try:
        z1, z2, valid = full_batch()
        rows = slice(rank * 3, rank * 3 + 3)
        a = z1[rows].clone().requires_grad_()
        b = z2[rows].clone().requires_grad_()
        loss = LOSSES[kind](gather_negatives=True)(a, b, valid[rows])
        loss.backward()
        # what DDP does with the parameters' gradients: average them
        mean_loss = loss.detach().clone()
        dist.all_reduce(mean_loss)
        local_only = LOSSES[kind]()(a.detach(), b.detach(), valid[rows])
        queue.put((rank, mean_loss.item() / WORLD, loss.item(),
                   (a.grad / WORLD).numpy(), (b.grad / WORLD).numpy(),
                   local_only.item()))
    finally:
        dist.destroy_process_group()


@pytest.mark.parametrize('kind', sorted(LOSSES))
def test_two_ranks_equal_one_process(kind, run_ranks):
    z1, z2, valid = full_batch()
    a, b = z1.clone().requires_grad_(), z2.clone().requires_grad_()
    single = LOSSES[kind](gather_negatives=True)(a, b, valid)
    single.backward()

    results = run_ranks(worker, kind, world=WORLD)

    for _, mean_loss, loss, _, _, local_only in results:
        assert mean_loss == pytest.approx(single.item(), rel=1e-10)
        # the other rank's rows really were used as negatives
        assert loss != pytest.approx(local_only)
    grad1 = torch.cat([torch.from_numpy(r[3]) for r in results])
    grad2 = torch.cat([torch.from_numpy(r[4]) for r in results])
    torch.testing.assert_close(grad1, a.grad)
    torch.testing.assert_close(grad2, b.grad)
