# The LaST side of the abstract's claim (a config, not a measured result):
# LaST's ViT-S/16 fine-tuned on 1.5 % of each class's training images
# reaches a supervised CNN trained on 10 % (the config
# rsisc-finetune_r50_random_1xb64-200e_aid-10pct.py). The list:
#   python tools/make_scene_splits.py DATA_ROOT --preset aid \
#       --percents 1 1.5 5 10
_base_ = './rsisc-finetune_vit-s16_last_1xb64-200e_aid.py'
train_dataloader = dict(dataset=dict(split='train_p1.5'))
