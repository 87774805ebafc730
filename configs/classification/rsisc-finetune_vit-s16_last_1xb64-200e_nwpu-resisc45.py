# RSISC's full fine-tuning (main_cls.py --hos 0) of LaST's ViT-S/16 on
# NWPU-RESISC45: the linear probe with every layer trained (Adam 4e-4, no
# layer-wise lr decay).
_base_ = './rsisc-linear_vit-s16_last_1xb64-200e_nwpu-resisc45.py'
model = dict(freeze_backbone=False)
