"""The GLCNet reference's initialisation of convolutions."""
import math

from mmengine.model.weight_init import update_init_info
from mmengine.registry import WEIGHT_INITIALIZERS
from torch import nn
from torch.nn.modules.batchnorm import _BatchNorm


@WEIGHT_INITIALIZERS.register_module(name='KaimingFanIn')
class KaimingFanInInit:
    """Initialise every convolution of a module as the reference does.

    The reference calls ``torch.nn.init.kaiming_normal_(weight)`` on every
    ``nn.Conv2d`` of its backbone, ASPP and decoder, the classifier
    included: normal with std ``sqrt(2 / fan_in)``. Biases (only the
    classifier has one) keep PyTorch's default ``U(-1/sqrt(fan_in),
    1/sqrt(fan_in))``; BatchNorm weights are 1 and biases 0. OpenMMLab's
    defaults differ: mmseg's ResNet and ``ConvModule`` use fan-out, and the
    decode head's classifier ``Normal(std=0.01)``.

    Use it as ``init_cfg`` of the modules to initialise, e.g.
    ``model = dict(backbone=dict(init_cfg=dict(type='KaimingFanIn')),
    decode_head=dict(init_cfg=dict(type='KaimingFanIn')))``; a
    ``PretrainedPart`` on the segmentor then loads its checkpoint over
    them. mmengine runs an ``init_cfg`` before the children's own
    ``init_weights()`` (``ConvModule``'s fan-out), which would undo it, so
    this initialiser runs the children's first, marks them initialised
    (mmengine skips children whose ``is_init`` is set) and then overwrites.
    """

    def __call__(self, module: nn.Module) -> None:
        for child in module.children():
            if hasattr(child, 'init_weights') and not getattr(
                    child, 'is_init', False):
                child.init_weights()
                if not getattr(child, 'is_init', False):
                    child.is_init = True  # a plain module, e.g. ConvModule
        for m in module.modules():
            if isinstance(m, nn.Conv2d):
                nn.init.kaiming_normal_(m.weight, mode='fan_in',
                                        nonlinearity='leaky_relu', a=0)
                if m.bias is not None:
                    fan_in = m.weight[0].numel()
                    bound = 1 / math.sqrt(fan_in)
                    nn.init.uniform_(m.bias, -bound, bound)
            elif isinstance(m, _BatchNorm) and m.affine:
                nn.init.ones_(m.weight)
                nn.init.zeros_(m.bias)
        if hasattr(module, '_params_init_info'):
            update_init_info(module, init_info=self._get_init_info())

    def _get_init_info(self) -> str:
        return (f'{self.__class__.__name__}: kaiming_normal_ fan-in on '
                'convolutions, BatchNorm 1 and 0')
