from .aspp_encoder import ASPPEncoder
from .glcnet import GLCNet
from .inpainting import Inpainting
from .jigsaw import Jigsaw
from .last import LaST
from .seg_densecl import SegDenseCL
from .seg_moco import SegMoCo
from .ssccl import SSCCL

__all__ = [
    'GLCNet', 'ASPPEncoder', 'Inpainting', 'Jigsaw', 'SegDenseCL',
    'SegMoCo', 'SSCCL', 'LaST'
]
