"""MultiPositiveInfoNCELoss and GeoFeatureCorrectedNTXentLoss with gathered
negatives: two gloo processes reproduce one process on the whole batch,
gradients included."""

import pytest
import torch
import torch.distributed as dist

from grsim_mm.models.losses import (GeoFeatureCorrectedNTXentLoss,
                                    MultiPositiveInfoNCELoss)

WORLD = 2
PER_RANK = 3  # samples per rank



def multi_positive_rows(rank=None):
    """Per rank ``[view 1; view 2; neighbour]`` of its samples, the samples'
    three rows mutual positives; the whole batch (rank None) is the ranks'
    rows one after the other with the masks on the block diagonal."""
    if rank is None:
        parts = [multi_positive_rows(r) for r in range(WORLD)]
        rows = torch.cat([p[0] for p in parts])
        mask = torch.block_diag(*[p[1].double() for p in parts]).bool()
        return rows, mask, torch.cat([p[2] for p in parts])
    gen = torch.Generator().manual_seed(rank)
    base = torch.randn(PER_RANK, 5, generator=gen, dtype=torch.float64)
    rows = torch.cat([base + 0.3 * torch.randn(
        base.shape, generator=gen, dtype=torch.float64) for _ in range(3)])
    sample = torch.arange(3 * PER_RANK) % PER_RANK
    mask = (sample[:, None] == sample[None, :]) & ~torch.eye(
        3 * PER_RANK, dtype=torch.bool)
    valid = torch.ones(3 * PER_RANK, dtype=torch.bool)
    valid[-1] = rank == 0  # one neighbour of rank 1 is missing
    return rows, mask, valid


def geo_batch():
    """Six samples; sample 3 (rank 1) lies beside sample 0 (rank 0) and
    looks like it, so corrections cross the rank boundary."""
    gen = torch.Generator().manual_seed(0)
    base = torch.randn(2 * PER_RANK, 6, generator=gen, dtype=torch.float64)
    base[3] = base[0] + 0.1 * torch.randn(6, generator=gen,
                                          dtype=torch.float64)
    z1 = base + 0.1 * torch.randn(base.shape, generator=gen,
                                  dtype=torch.float64)
    z2 = base + 0.1 * torch.randn(base.shape, generator=gen,
                                  dtype=torch.float64)
    centres = torch.tensor([[0., 0.], [900., 0.], [0., 50.], [60., 0.],
                            [10., 10.], [0., 900.]], dtype=torch.float64)
    frames = torch.tensor([4, 4, 5, 4, 4, 4])
    valid = torch.tensor([True, True, True, True, False, True])
    return z1, z2, centres, frames, valid


GEO_CFG = dict(geo_radius=512., threshold=0.3, mode='reweight')


def loss_on(kind, rank=None, gather=True):
    """Loss and input leaves of one rank's share, or of the whole batch."""
    if kind == 'multi_positive':
        rows, mask, valid = multi_positive_rows(rank)
        leaf = rows.clone().requires_grad_()
        loss_fn = MultiPositiveInfoNCELoss(gather_negatives=gather)
        return loss_fn(leaf, mask, valid), [leaf], loss_fn
    z1, z2, centres, frames, valid = geo_batch()
    part = slice(None) if rank is None else slice(rank * PER_RANK,
                                                  (rank + 1) * PER_RANK)
    a = z1[part].clone().requires_grad_()
    b = z2[part].clone().requires_grad_()
    loss_fn = GeoFeatureCorrectedNTXentLoss(gather_negatives=gather,
                                            **GEO_CFG)
    loss = loss_fn(a, b, centres[part], frames[part], valid[part])
    return loss, [a, b], loss_fn


def corrected(loss_fn):
    fraction = getattr(loss_fn, 'corrected_fraction', None)
    return None if fraction is None else fraction.item()


def worker(rank, port, kind, queue):
    dist.init_process_group('gloo', init_method=f'tcp://127.0.0.1:{port}',
                            rank=rank, world_size=WORLD)
    try:
        loss, leaves, loss_fn = loss_on(kind, rank)
        loss.backward()
        mean_loss = loss.detach().clone()
        dist.all_reduce(mean_loss)  # what DDP's gradient averaging optimises
        local_loss, _, local_fn = loss_on(kind, rank, gather=False)
        queue.put((rank, mean_loss.item() / WORLD, loss.item(),
                   [(leaf.grad / WORLD).numpy() for leaf in leaves],
                   corrected(loss_fn), local_loss.item(),
                   corrected(local_fn)))
    finally:
        dist.destroy_process_group()


@pytest.mark.parametrize('kind', ['multi_positive', 'geo'])
def test_two_ranks_equal_one_process(kind, run_ranks):
    single, leaves, loss_fn = loss_on(kind)
    single.backward()

    results = run_ranks(worker, kind, world=WORLD)

    for _, mean_loss, loss, _, _, local_loss, _ in results:
        assert mean_loss == pytest.approx(single.item(), rel=1e-10)
        # the other rank's rows really were used as negatives
        assert loss != pytest.approx(local_loss)
    for i, leaf in enumerate(leaves):
        grad = torch.cat([torch.from_numpy(r[3][i]) for r in results])
        torch.testing.assert_close(grad, leaf.grad)
    if kind == 'geo':
        assert corrected(loss_fn) > 0
        # rank 1's only near negative is rank 0's sample 0: found through
        # the gathered positions, invisible to rank 1 alone
        assert results[1][4] > 0
        assert results[1][6] == 0
