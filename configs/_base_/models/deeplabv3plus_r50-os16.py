# DeepLabV3+ segmentor of the GLCNet reference fine-tuning: the same
# backbone and head as configs/_base_/models/glcnet_r50-os16.py (so the
# pretrained backbone.* and decode_head.* weights load by name), with the
# decoder dropouts of the fine-tuning network and an N-class conv_seg.
# Set model.decode_head.num_classes and model.data_preprocessor (band count,
# crop size) in the dataset-specific config.
norm_cfg = dict(type='SyncBN', requires_grad=True)
model = dict(
    type='EncoderDecoder',
    data_preprocessor=dict(
        type='SegDataPreProcessor',
        mean=[127.5, 127.5, 127.5, 127.5],
        std=[79.6875, 79.6875, 79.6875, 79.6875],
        bgr_to_rgb=False,
        pad_val=0,
        seg_pad_val=255),
    backbone=dict(
        type='ResNet',
        depth=50,
        in_channels=4,
        num_stages=4,
        out_indices=(0, 1, 2, 3),
        strides=(1, 2, 2, 1),
        dilations=(1, 1, 1, 2),
        contract_dilation=False,
        style='pytorch',
        norm_cfg=norm_cfg,
        norm_eval=False,
        zero_init_residual=False),
    decode_head=dict(
        type='DeepLabV3PlusHead',
        in_channels=2048,
        in_index=3,
        channels=256,
        dilations=(1, 6, 12, 18),
        # same result as nn.Conv2d, but the dilated ASPP convolutions skip
        # the kernel taps that only read zero padding on small maps
        conv_cfg=dict(type='ValidTapConv2d'),
        c1_in_channels=256,
        c1_channels=48,
        aspp_dropout_ratio=0.5,
        decoder_dropout_ratio=0.5,
        dropout_ratio=0.1,
        num_classes=7,
        norm_cfg=norm_cfg,
        align_corners=True,
        ignore_index=255,
        loss_decode=dict(
            type='CrossEntropyLoss', use_sigmoid=False, loss_weight=1.0)),
    train_cfg=dict(),
    test_cfg=dict(mode='whole'))
