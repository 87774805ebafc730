# The classification backbone of the scene line: mmpretrain's ResNet-50 with
# torchvision's layout (7x7 stem, max pooling, strides 1-2-2-2), its last
# stage as output, residual BN weights initialised to 1 as in torchvision
# (RSISC, TOV). No band count: the model takes it from the data preprocessor
# of the dataset setting; necks and heads take their widths from the
# backbone, so model = dict(backbone=dict(depth=18)) swaps the depth.
model = dict(
    backbone=dict(
        type='ResNet',
        depth=50,
        num_stages=4,
        out_indices=(3, ),
        style='pytorch',
        zero_init_residual=False))
