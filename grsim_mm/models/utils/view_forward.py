"""Run a per-view forward function over the views of a pair."""
from typing import Callable, List, Optional, Sequence, Tuple

import torch
from torch import Tensor

ViewOutputs = Tuple[Optional[Tensor], ...]


def forward_views(forward_view: Callable[[Tensor], ViewOutputs],
                  views: Sequence[Tensor],
                  concat: bool = False) -> List[ViewOutputs]:
    """Outputs of ``forward_view`` for each view.

    With ``concat`` the views run as one batch and every output is split
    back per view: faster on accelerators, but BatchNorm then normalises all
    views with shared statistics instead of each with its own. ``None``
    outputs (a disabled branch) stay ``None`` for every view.
    """
    if not concat:
        return [forward_view(view) for view in views]
    num = views[0].size(0)
    outputs = forward_view(torch.cat(list(views)))
    per_output = [
        out.split(num) if out is not None else [None] * len(views)
        for out in outputs
    ]
    return list(zip(*per_output))
