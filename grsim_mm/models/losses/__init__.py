from .dense_info_nce_loss import DenseInfoNCELoss
from .fncc_loss import FNCCLoss
from .nt_xent_loss import DecoupledNTXentLoss, NTXentLoss

__all__ = [
    'DecoupledNTXentLoss', 'NTXentLoss', 'DenseInfoNCELoss', 'FNCCLoss'
]
