from .dense_info_nce_loss import DenseInfoNCELoss
from .nt_xent_loss import DecoupledNTXentLoss, NTXentLoss
from .self_distill_loss import SelfDistillLoss

__all__ = [
    'DecoupledNTXentLoss', 'NTXentLoss', 'DenseInfoNCELoss', 'SelfDistillLoss'
]
