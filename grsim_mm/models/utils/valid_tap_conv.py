"""A convolution that does not multiply kernel taps with zero padding."""
from typing import List, Sequence, Tuple

import torch.nn.functional as F
from mmengine.registry import MODELS
from torch import Tensor, nn


def _tap_ranges(size: int, kernel: int, dilation: int,
                padding: int) -> Tuple[int, List[Tuple[int, int]]]:
    """Output size and, per kernel tap along one axis, the half-open range
    of output positions whose input position lies inside the map (stride
    1): output ``o`` of tap ``k`` reads input ``o - padding + k * dilation``.
    """
    out_size = size + 2 * padding - dilation * (kernel - 1)
    ranges = []
    for k in range(kernel):
        shift = k * dilation - padding
        ranges.append((max(0, -shift), min(out_size, size - shift)))
    return out_size, ranges


# Registered in mmengine's root registry, like mmcv's own conv layers, so
# ``conv_cfg=dict(type='ValidTapConv2d')`` works in every scope.
@MODELS.register_module()
class ValidTapConv2d(nn.Conv2d):
    """``nn.Conv2d`` that computes only the kernel taps that read the map.

    ASPP applies 3x3 convolutions with dilations 6, 12 and 18 to a 14x14
    map (a 224-px crop at output stride 16). With dilation 18 every outer tap
    falls in the zero padding, with 12 they read two rows or columns, yet a
    dense convolution multiplies all nine taps everywhere, and its backward
    pass costs about four times its forward on CPU. Written as a sum of one
    1x1 convolution per tap over the outputs whose input is inside the map,
    the result is the same up to float rounding, at a fraction of the cost.

    The decomposition is used when at most ``max_valid_ratio`` of the dense
    multiply-adds touch the map, the stride is 1 and the padding is zeros;
    otherwise (plain 3x3 convolutions, say) the layer is a normal
    ``nn.Conv2d``. Parameters and their names are those of ``nn.Conv2d``,
    so checkpoints move freely between the two.

    Args:
        *args: Arguments of ``nn.Conv2d``.
        max_valid_ratio (float): Decompose when the fraction of multiply-adds
            that read the map is at most this. Defaults to 0.75: on a
            2048-channel ASPP input the decomposition measured faster below
            it, forward alone and forward plus backward.
        **kwargs: Keyword arguments of ``nn.Conv2d``.
    """

    def __init__(self, *args, max_valid_ratio: float = 0.75, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.max_valid_ratio = max_valid_ratio

    def _decomposable(self) -> bool:
        return (self.stride == (1, 1) and self.padding_mode == 'zeros'
                and not isinstance(self.padding, str))

    def _axes(self, shape: Sequence[int]) -> List[tuple]:
        return [
            _tap_ranges(size, kernel, dilation, padding)
            for size, kernel, dilation, padding in zip(
                shape, self.kernel_size, self.dilation, self.padding)
        ]

    def valid_tap_ratio(self, shape: Sequence[int]) -> float:
        """Fraction of a dense convolution's multiply-adds that read the map
        of spatial ``shape`` (H, W) rather than padding."""
        ratio = 1.0
        for out_size, ranges in self._axes(shape):
            used = sum(max(0, stop - start) for start, stop in ranges)
            ratio *= used / (len(ranges) * out_size)
        return ratio

    def forward(self, x: Tensor) -> Tensor:
        if self._decomposable() and (self.valid_tap_ratio(x.shape[-2:])
                                     <= self.max_valid_ratio):
            return self._forward_taps(x)
        return super().forward(x)

    def _forward_taps(self, x: Tensor) -> Tensor:
        (out_h, rows), (out_w, cols) = self._axes(x.shape[-2:])
        # Unbinding once makes the weight gradient one stack of the tap
        # gradients; slicing per tap would scatter each into a zero tensor
        # of the full kernel's size.
        kernel_w = self.kernel_size[1]
        taps = self.weight.flatten(2).unbind(2)
        out = None
        for ky, (r0, r1) in enumerate(rows):
            if r1 <= r0:
                continue
            shift_y = ky * self.dilation[0] - self.padding[0]
            for kx, (c0, c1) in enumerate(cols):
                if c1 <= c0:
                    continue
                shift_x = kx * self.dilation[1] - self.padding[1]
                part = F.conv2d(
                    x[..., r0 + shift_y:r1 + shift_y,
                      c0 + shift_x:c1 + shift_x],
                    taps[ky * kernel_w + kx][..., None, None],
                    groups=self.groups)
                part = F.pad(part, (c0, out_w - c1, r0, out_h - r1))
                out = part if out is None else out + part
        if self.bias is not None:
            out = out + self.bias.view(1, -1, 1, 1)
        return out
