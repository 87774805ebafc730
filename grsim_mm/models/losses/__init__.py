from .dense_info_nce_loss import DenseInfoNCELoss
from .multi_positive_info_nce_loss import MultiPositiveInfoNCELoss
from .nt_xent_loss import DecoupledNTXentLoss, NTXentLoss

__all__ = [
    'DecoupledNTXentLoss', 'NTXentLoss', 'DenseInfoNCELoss',
    'MultiPositiveInfoNCELoss'
]
