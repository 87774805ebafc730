# The CNN side of LaST's claim (a config, not a measured result): a
# ResNet-50 trained with labels only (random initialisation, every layer
# trained, RSISC's fine-tuning schedule) on 10 % of each class's training
# images, against LaST fine-tuned on 1.5 %
# (rsisc-finetune_vit-s16_last_1xb64-200e_aid-1.5pct.py).
_base_ = './rsisc-finetune_r50_simclr_1xb64-200e_aid.py'
model = dict(init_cfg=None)
train_dataloader = dict(dataset=dict(split='train_p10'))
