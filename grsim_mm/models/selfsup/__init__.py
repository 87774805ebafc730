from .aspp_encoder import ASPPEncoder
from .base_seg_selfsup import BaseSegSelfSupervisor
from .glcnet import GLCNet
from .inpainting import Inpainting
from .jigsaw import Jigsaw
from .last import LaST
from .rsi_simclr import RSISimCLR
from .scene_colorization import SceneColorization
from .scene_inpainting import SceneInpainting
from .scene_jigsaw import SceneJigsaw
from .seg_densecl import SegDenseCL
from .seg_moco import SegMoCo
from .ssccl import SSCCL

__all__ = [
    'BaseSegSelfSupervisor', 'GLCNet', 'ASPPEncoder', 'Inpainting', 'Jigsaw',
    'SegDenseCL', 'SegMoCo', 'SSCCL', 'SceneInpainting', 'SceneColorization',
    'SceneJigsaw', 'LaST', 'RSISimCLR'
]
