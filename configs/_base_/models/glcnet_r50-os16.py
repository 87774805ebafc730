# GLCNet as in the reference code: ResNet-50 at output stride 16 with a
# 4-band 7x7 stem, a DeepLabV3+ head whose 64-channel "classifier" gives the
# dense map of the local branch, and the global (mean || variance) and local
# (window mean) projection heads with the decoupled NT-Xent loss.
# BatchNorm uses PyTorch's default momentum 0.1; the reference passes 0.9
# (see docs/methods/glcnet.md to reproduce that).
norm_cfg = dict(type='SyncBN', requires_grad=True)
model = dict(
    type='GLCNet',
    data_preprocessor=dict(
        type='MultiBandSelfSupDataPreprocessor',
        mean=[127.5, 127.5, 127.5, 127.5],
        std=[79.6875, 79.6875, 79.6875, 79.6875],
        to_rgb=False),
    backbone=dict(
        type='ResNet',  # mmseg's ResNet: plain 7x7 stem, no deep stem
        depth=50,
        in_channels=4,
        num_stages=4,
        out_indices=(0, 1, 2, 3),
        strides=(1, 2, 2, 1),
        dilations=(1, 1, 1, 2),
        contract_dilation=False,  # every layer4 block dilated by 2
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
        decoder_dropout_ratio=0.0,
        dropout_ratio=0.0,
        num_classes=64,  # channels of the dense map, not classes
        norm_cfg=norm_cfg,
        align_corners=True),
    global_head=dict(
        type='GlobalStyleHead',
        in_channels=256,
        hid_channels=256,
        out_channels=64,
        style=True,
        loss=dict(
            type='DecoupledNTXentLoss',
            temperature=0.5,
            gather_negatives=True)),
    local_head=dict(
        type='LocalMatchingHead',
        in_channels=64,
        hid_channels=64,
        out_channels=64,
        loss=dict(
            type='DecoupledNTXentLoss',
            temperature=0.5,
            gather_negatives=True)),
    loss_lambda=0.5,
    concat_views=False)
