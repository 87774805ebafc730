# The encoder every segmentation method shares, as in the GLCNet reference:
# mmseg's ResNet-50 (plain 7x7 stem) at output stride 16 (every layer4 block
# dilated by 2) and the DeepLabV3+ head (ASPP with rates 6/12/18, decoder
# with the stride-4 layer1 skip). Pretraining algorithms and the fine-tuning
# segmentor name them backbone and decode_head, so weights transfer by name.
# No band count: the stem takes it from the data preprocessor of the dataset
# setting. BatchNorm uses PyTorch's momentum 0.1; the reference passes 0.9
# (see docs/methods/glcnet.md to reproduce that).
# The decode head's input widths follow the backbone, so another depth is
# one line in a leaf: model = dict(backbone=dict(depth=18)).
norm_cfg = dict(type='SyncBN', requires_grad=True)
model = dict(
    backbone=dict(
        type='ResNet',
        depth=50,
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
        in_index=3,
        channels=256,
        dilations=(1, 6, 12, 18),
        # same result as nn.Conv2d, but the dilated ASPP convolutions skip
        # the kernel taps that only read zero padding on small maps
        conv_cfg=dict(type='ValidTapConv2d'),
        c1_channels=48,
        aspp_dropout_ratio=0.5,
        # pretraining: no decoder dropout, and the "classifier" gives a
        # 64-channel dense map (GLCNet's local branch, SSCCL's dense one)
        decoder_dropout_ratio=0.0,
        dropout_ratio=0.0,
        num_classes=64,
        norm_cfg=norm_cfg,
        align_corners=True))
# The image-level projector of the contrastive methods on this encoder:
# channel statistics of the ASPP output (256 channels) through an MLP
# 256 -> 256 -> 64. A method adds its loss (and GLCNet its style
# statistics): dict(global_projector, loss=dict(...)).
global_projector = dict(
    type='GlobalContrastHead', in_channels=256, hid_channels=256,
    out_channels=64)
# The DDP wrapper of the methods whose forward leaves some parameters of
# the encoder without gradient (the ones the loss does not reach):
# model_wrapper_cfg = _base_.find_unused_wrapper.
find_unused_wrapper = dict(
    type='MMDistributedDataParallel', find_unused_parameters=True)
# The queue-based contrastive heads (MoCo v2, DenseCL): a method adds its
# temperature, dict(contrastive_head, temperature=t).
contrastive_head = dict(
    type='ContrastiveHead', loss=dict(type='CrossEntropyLoss'))
