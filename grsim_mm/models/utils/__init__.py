from .data_preprocessor import MultiBandSelfSupDataPreprocessor
from .follow_backbone import (follow_backbone_channels, output_channels,
                              stage_channels)
from .follow_data_bands import data_band_count, follow_data_bands
from .follow_data_mixin import FollowDataMixin, fill_input_widths
from .frozen_bn_stats import frozen_bn_stats
from .gather import all_gather_no_grad, all_gather_with_grad, is_distributed
from .gradient_guided_box import gradient_guided_box
from .gradient_guided_crop import gradient_guided_crop, nearest_crop_resize
from .gradient_heat_map import gradient_heat_map, loss_feature_gradient
from .overlap_sampling import sample_overlap
from .seg_module import build_seg_backbone, build_seg_module
from .valid_tap_conv import ValidTapConv2d
from .view_forward import forward_views
from .window_pool import window_mean

__all__ = [
    'MultiBandSelfSupDataPreprocessor', 'all_gather_no_grad',
    'all_gather_with_grad', 'is_distributed', 'window_mean',
    'sample_overlap', 'build_seg_module', 'build_seg_backbone',
    'data_band_count', 'follow_data_bands', 'follow_backbone_channels',
    'stage_channels', 'output_channels', 'FollowDataMixin',
    'fill_input_widths', 'ValidTapConv2d', 'forward_views',
    'gradient_guided_box', 'gradient_guided_crop', 'nearest_crop_resize',
    'gradient_heat_map', 'loss_feature_gradient', 'frozen_bn_stats'
]
