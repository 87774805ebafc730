from .global_contrast_head import GlobalContrastHead, GlobalStyleHead
from .inpainting_head import InpaintingHead
from .jigsaw_head import JigsawHead
from .local_matching_head import LocalMatchingHead
from .overlap_consistency_head import OverlapConsistencyHead
from .self_distill_head import SelfDistillHead

__all__ = [
    'GlobalContrastHead', 'GlobalStyleHead', 'LocalMatchingHead',
    'InpaintingHead', 'JigsawHead', 'OverlapConsistencyHead',
    'SelfDistillHead'
]
