"""All-gather that keeps the autograd graph across ranks."""
import torch
import torch.distributed as dist
from torch import Tensor


class _AllGatherWithGrad(torch.autograd.Function):
    """Concatenate a tensor from every rank along dim 0.

    The backward pass sums the incoming gradients over ranks before taking the
    local slice: a rank's embeddings appear as negatives in the losses of all
    other ranks, so their gradient is the sum of every rank's contribution.
    ``all_reduce`` is used instead of ``reduce_scatter`` because gloo lacks the
    latter, and ``torch.distributed.nn.functional.all_gather`` is deprecated.
    """

    @staticmethod
    def forward(ctx, tensor: Tensor) -> Tensor:
        world_size = dist.get_world_size()
        ctx.rank = dist.get_rank()
        ctx.local_size = tensor.size(0)
        gathered = [torch.empty_like(tensor) for _ in range(world_size)]
        dist.all_gather(gathered, tensor.contiguous())
        return torch.cat(gathered)

    @staticmethod
    def backward(ctx, grad: Tensor) -> Tensor:
        grad = grad.contiguous()
        dist.all_reduce(grad)
        start = ctx.rank * ctx.local_size
        return grad[start:start + ctx.local_size]


def is_distributed() -> bool:
    """Whether a default process group with more than one rank exists."""
    return (dist.is_available() and dist.is_initialized()
            and dist.get_world_size() > 1)


def all_gather_with_grad(tensor: Tensor) -> Tensor:
    """Gather ``tensor`` (same shape on every rank) from all ranks along dim 0,
    differentiably. Returns the input unchanged outside distributed runs."""
    if not is_distributed():
        return tensor
    return _AllGatherWithGrad.apply(tensor)


def all_gather_no_grad(tensor: Tensor) -> Tensor:
    """Gather ``tensor`` from all ranks along dim 0 without autograd, e.g. for
    validity masks."""
    if not is_distributed():
        return tensor
    gathered = [torch.empty_like(tensor) for _ in range(dist.get_world_size())]
    dist.all_gather(gathered, tensor.contiguous())
    return torch.cat(gathered)
