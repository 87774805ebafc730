from .nt_xent_loss import DecoupledNTXentLoss, NTXentLoss

__all__ = ['DecoupledNTXentLoss', 'NTXentLoss']
