"""Self-supervised data preprocessor for any number of bands."""
from typing import Optional, Sequence, Union

import torch
from mmpretrain.models.utils import SelfSupDataPreprocessor
from mmpretrain.registry import MODELS


@MODELS.register_module()
class MultiBandSelfSupDataPreprocessor(SelfSupDataPreprocessor):
    """``SelfSupDataPreprocessor`` with a mean and std per band.

    mmengine's image preprocessor only accepts 1 or 3 normalisation values
    (grey or RGB); multispectral tiles need one per band. Behaviour is
    otherwise unchanged: each view is cast to float and normalised on the
    device, ``(x - mean) / std``.

    Args:
        mean (Sequence[float]): Per-band (or a single shared) mean.
        std (Sequence[float]): Per-band (or a single shared) std.
        **kwargs: Other arguments of ``SelfSupDataPreprocessor``; the band
            order conversions (``to_rgb`` etc.) are for 3 bands only.
    """

    def __init__(self,
                 mean: Sequence[Union[float, int]],
                 std: Sequence[Union[float, int]],
                 non_blocking: Optional[bool] = False,
                 **kwargs) -> None:
        if len(mean) != len(std):
            raise ValueError(f'{len(mean)} means but {len(std)} stds given')
        super().__init__(non_blocking=non_blocking, **kwargs)
        self._enable_normalize = True
        self.register_buffer(
            'mean', torch.tensor(mean, dtype=torch.float32).view(-1, 1, 1),
            False)
        self.register_buffer(
            'std', torch.tensor(std, dtype=torch.float32).view(-1, 1, 1),
            False)
