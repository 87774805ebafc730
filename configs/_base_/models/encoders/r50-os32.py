# VISSL's ResNet-50 trunk of the released FALSE and GraSS code: the shared
# backbone at output stride 32 (layer4 strided, not dilated), so 224 px
# views give 7 x 7 layer4 maps, and no decode head. The weights load into
# the output-stride-16 segmentor all the same (strides and dilations have
# no parameters).
_base_ = './r50-os16_deeplabv3plus.py'
model = dict(
    backbone=dict(strides=(1, 2, 2, 2), dilations=(1, 1, 1, 1)),
    decode_head=None)
