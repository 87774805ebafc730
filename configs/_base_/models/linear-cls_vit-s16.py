# The scene classifier of the RSISC and TOV protocols with ViT-S/16: the
# class token (after the final LayerNorm) into one linear layer,
# cross-entropy. A linear probe by default (the whole backbone frozen, in
# eval mode); fine-tuning configs set freeze_backbone=False. The backbone
# comes from a pretraining checkpoint that leaves name
# (model.init_cfg.checkpoint, and model.init_cfg.prefix where the checkpoint
# keeps it; model.init_cfg=None for random weights). Bands, class count and
# the head's width (384) follow the dataset setting and the backbone.
_base_ = './encoders/vit-s16.py'
model = dict(
    type='RSIImageClassifier',
    freeze_backbone=True,
    init_cfg=dict(type='PretrainedBackbone'),
    head=dict(
        type='LinearClsHead',
        loss=dict(type='CrossEntropyLoss', loss_weight=1.0),
        topk=(1, )))
