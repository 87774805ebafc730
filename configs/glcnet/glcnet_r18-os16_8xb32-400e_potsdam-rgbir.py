# GLCNet with a ResNet-18 backbone. BasicBlocks have no 4x expansion, so the
# head's input widths change with the depth in the same line.
_base_ = './glcnet_r50-os16_8xb32-400e_potsdam-rgbir.py'
model = dict(backbone=dict(depth=18), decode_head=dict(in_channels=512, c1_in_channels=64))  # noqa: E501
