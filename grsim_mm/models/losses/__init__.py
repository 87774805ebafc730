from .dense_info_nce_loss import DenseInfoNCELoss
from .fncc_loss import FNCCLoss
from .geo_feature_corrected_nt_xent_loss import GeoFeatureCorrectedNTXentLoss
from .multi_positive_info_nce_loss import MultiPositiveInfoNCELoss
from .nt_xent_loss import DecoupledNTXentLoss, NTXentLoss
from .self_distill_loss import SelfDistillLoss

__all__ = [
    'DecoupledNTXentLoss', 'NTXentLoss', 'DenseInfoNCELoss', 'FNCCLoss',
    'MultiPositiveInfoNCELoss', 'GeoFeatureCorrectedNTXentLoss',
    'SelfDistillLoss'
]
