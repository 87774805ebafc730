# The scene classifier of the RSISC and TOV protocols: ResNet-50, global
# average pooling, one linear layer, cross-entropy. A linear probe by
# default: the backbone is frozen (weights and BN statistics), only the
# linear layer trains; fine-tuning configs set freeze_backbone=False. The
# backbone comes from a pretraining checkpoint that leaves name
# (model.init_cfg.checkpoint; model.init_cfg=None for random weights). The
# class count and the bands come from the dataset setting's preprocessor
# (which mmengine's Runner gives the model), the head's width from the
# backbone, so any mmpretrain backbone fits (e.g. a ViT with
# out_type='cls_token' and no neck).
_base_ = './encoders/r50.py'
model = dict(
    type='RSIImageClassifier',
    freeze_backbone=True,
    init_cfg=dict(type='PretrainedBackbone'),
    neck=dict(type='GlobalAveragePooling'),
    head=dict(
        type='LinearClsHead',
        loss=dict(type='CrossEntropyLoss', loss_weight=1.0),
        topk=(1, )))
