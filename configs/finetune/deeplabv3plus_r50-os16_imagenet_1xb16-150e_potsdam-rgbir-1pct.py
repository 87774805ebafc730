# The GLCNet paper's main baseline on the 1% protocol: the same segmentor,
# its ResNet-50 initialised from torchvision's ImageNet-supervised weights
# (downloaded once into torch's hub cache, or a local file with
# --cfg-options model.init_cfg.checkpoint=PATH; OpenMMLab-named files load
# too), the RGB stem inflated to R, G, B, NIR: the R, G, B filters in the
# bands band_names marks red, green and blue, NIR the mean RGB filter, all
# scaled by 3/4. The ASPP and decoder start from random weights.
_base_ = '../_base_/finetune/deeplabv3plus_r50-os16_1xb16-150e_potsdam-rgbir-1pct.py'
model = dict(
    init_cfg=dict(
        type='ImageNetBackbone',
        checkpoint='https://download.pytorch.org/models/'
        'resnet50-0676ba61.pth',
        band_names=_base_.band_names))
