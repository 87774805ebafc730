from .deeplabv3plus_head import DeepLabV3PlusHead
from .multi_scale_fusion_head import MultiScaleFusionHead

__all__ = ['DeepLabV3PlusHead', 'MultiScaleFusionHead']
