from .aspp_encoder import ASPPEncoder
from .base_seg_selfsup import BaseSegSelfSupervisor
from .gfcnet import GFCNet
from .glcnet import GLCNet
from .grass import GraSS
from .inpainting import Inpainting
from .jigsaw import Jigsaw
from .last import LaST
from .rissnet import RiSSNet
from .rsi_moco import RSIMoCo
from .rsi_simclr import RSISimCLR
from .scene_colorization import SceneColorization
from .scene_inpainting import SceneInpainting
from .scene_jigsaw import SceneJigsaw
from .seg_densecl import SegDenseCL
from .seg_moco import SegMoCo
from .seg_simclr import SegSimCLR
from .ssccl import SSCCL

__all__ = [
    'BaseSegSelfSupervisor', 'GLCNet', 'ASPPEncoder', 'Inpainting', 'Jigsaw',
    'SegDenseCL', 'SegMoCo', 'SSCCL', 'SceneInpainting', 'SceneColorization',
    'SceneJigsaw', 'LaST', 'SegSimCLR', 'GraSS', 'GFCNet', 'RiSSNet',
    'RSISimCLR', 'RSIMoCo'
]
