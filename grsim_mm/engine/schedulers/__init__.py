from .cosine_warm_restart_lr import (CosineWarmRestartLR,
                                     CosineWarmRestartParamScheduler)

__all__ = ['CosineWarmRestartLR', 'CosineWarmRestartParamScheduler']
