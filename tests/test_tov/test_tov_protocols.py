"""TOV's segmentation protocol: the FCN at output stride 8 takes a scene
pretraining backbone (RGB stem inflated to R, G, B, NIR) through mmseg."""
import os.path as osp

import torch
from mmengine.config import Config
from mmengine.registry import DefaultScope, init_default_scope
from mmpretrain.models.backbones import ResNet

import grsim_mm  # noqa: F401
from grsim_mm.utils import inflate_stem

REPO = osp.dirname(osp.dirname(osp.dirname(osp.abspath(__file__))))
FCN = 'configs/finetune/fcn_r50-os8_tov_1xb16-200e_potsdam-rgbir-1pct.py'


def test_fcn_takes_the_pretrained_backbone_at_output_stride_8(tmp_path):
    torch.manual_seed(0)
    rgb = ResNet(depth=18).state_dict()
    torch.save({'state_dict': {f'backbone.{k}': v for k, v in rgb.items()}},
               tmp_path / 'tov.pth')
    cfg = Config.fromfile(osp.join(REPO, FCN))
    model_cfg = dict(cfg.model)
    model_cfg['backbone'] = dict(model_cfg['backbone'], depth=18,
                                 norm_cfg=dict(type='BN', requires_grad=True))
    model_cfg['decode_head'] = dict(
        model_cfg['decode_head'], channels=16,
        norm_cfg=dict(type='BN', requires_grad=True))
    model_cfg['init_cfg'] = dict(model_cfg['init_cfg'],
                                 checkpoint=str(tmp_path / 'tov.pth'))
    with DefaultScope.overwrite_default_scope('mmseg'):
        init_default_scope('mmseg')
        from mmseg.registry import MODELS
        model = MODELS.build(model_cfg)
        model.init_weights()
    state = model.backbone.state_dict()
    for key, value in rgb.items():
        expected = (inflate_stem(value, 4, (0, 1, 2))
                    if key == 'conv1.weight' else value)
        assert torch.equal(state[key], expected), key
    model.eval()
    with torch.no_grad():
        feats = model.backbone(torch.zeros(1, 4, 64, 64))
        logits = model.decode_head(feats)
    assert [f.shape[-1] for f in feats] == [16, 8, 8, 8]  # output stride 8
    assert logits.shape == (1, 6, 8, 8)
    # the dilation pattern of torchvision's replace_stride_with_dilation
    layer3, layer4 = model.backbone.layer3, model.backbone.layer4
    assert [b.conv1.dilation[0] for b in layer3] == [1, 2]
    assert [b.conv1.dilation[0] for b in layer4] == [2, 4]
