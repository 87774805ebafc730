from .global_style_head import GlobalStyleHead
from .local_matching_head import LocalMatchingHead

__all__ = ['GlobalStyleHead', 'LocalMatchingHead']
