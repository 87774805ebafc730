# RSISC's full fine-tuning (main_cls.py --hos 0) on the scene demo data: the
# linear probe with every layer trained, BatchNorm statistics included.
_base_ = './rsisc-linear_r18_simclr_1xb16-30e_scene-demo.py'
model = dict(freeze_backbone=False)
