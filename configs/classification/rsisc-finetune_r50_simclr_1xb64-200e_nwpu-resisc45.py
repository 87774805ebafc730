# RSISC's full fine-tuning (main_cls.py --hos 0) on NWPU-RESISC45: the linear
# probe with every layer trained, BatchNorm statistics included.
_base_ = './rsisc-linear_r50_simclr_1xb64-200e_nwpu-resisc45.py'
model = dict(freeze_backbone=False)
