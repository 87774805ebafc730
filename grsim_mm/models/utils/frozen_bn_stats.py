"""Forward passes that leave BatchNorm's running statistics untouched."""
from contextlib import contextmanager
from typing import Iterator

from torch import nn
from torch.nn.modules.batchnorm import _BatchNorm


@contextmanager
def frozen_bn_stats(module: nn.Module) -> Iterator[None]:
    """Restore every BatchNorm running mean, variance and batch count of
    ``module`` on exit.

    Inside, BatchNorm layers in training mode still normalise with the
    statistics of the batch, as in the training passes, but a pass that
    only ranks or scores samples (RiSSNet's candidates) does not move the
    running statistics the fine-tuned network inherits.
    """
    saved = [(bn, bn.running_mean.clone(), bn.running_var.clone(),
              bn.num_batches_tracked.clone()) for bn in module.modules()
             if isinstance(bn, _BatchNorm) and bn.track_running_stats
             and bn.running_mean is not None]
    try:
        yield
    finally:
        # Through ``.data``: BatchNorm's backward checks the version of the
        # running statistics it saved, and training passes that ran before
        # this one still have to back-propagate.
        for bn, mean, var, count in saved:
            bn.running_mean.data.copy_(mean)
            bn.running_var.data.copy_(var)
            bn.num_batches_tracked.data.copy_(count)
