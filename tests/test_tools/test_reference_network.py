"""The train-step benchmark compares like with like: the reference network it
times computes, weight for weight, the same embeddings as our GLCNet (whose
ASPP skips padding taps and whose local branch pools the 56 px map)."""
import os.path as osp

import torch
from mmengine.config import Config
from mmengine.model import revert_sync_batchnorm
from mmpretrain.registry import MODELS
from tool_scripts import load_tool

import grsim_mm  # noqa: F401

ROOT = osp.dirname(osp.dirname(osp.dirname(osp.abspath(__file__))))


def _name_map(ours: dict) -> dict:
    """Our parameter and buffer names -> the reference network's."""
    bottleneck = {'conv1': 'branch.0.0', 'bn1': 'branch.0.1',
                  'conv2': 'branch.1', 'bn2': 'branch.2',
                  'conv3': 'branch.4', 'bn3': 'branch.5',
                  'downsample.0': 'shortcut.0', 'downsample.1': 'shortcut.1'}
    head = {'image_pool.1.conv': 'image_pool.1.0',
            'image_pool.1.bn': 'image_pool.1.1',
            'bottleneck.conv': 'aspp_out.0.0', 'bottleneck.bn': 'aspp_out.0.1',
            'c1_bottleneck.conv': 'low_level.0',
            'c1_bottleneck.bn': 'low_level.1',
            'decoder.0.conv': 'decoder.0.0', 'decoder.0.bn': 'decoder.0.1',
            'decoder.2.conv': 'decoder.1.0', 'decoder.2.bn': 'decoder.1.1',
            'conv_seg': 'conv41'}
    head.update({f'aspp_modules.{i}.{a}': f'aspp.{i}.{b}'
                 for i in range(4) for a, b in (('conv', 0), ('bn', 1))})
    mapping = {}
    for name in ours:
        module, leaf = name.rsplit('.', 1)
        part, rest = module.split('.', 1)
        if part == 'backbone':
            if rest in ('conv1', 'bn1'):
                new = 'backbone.stem.' + ('0' if rest == 'conv1' else '1')
            else:
                layer, block, sub = rest.split('.', 2)
                stage = int(layer[len('layer'):]) - 1
                new = f'backbone.stages.{stage}.{block}.{bottleneck[sub]}'
        elif part == 'decode_head':
            new = head[rest]
        else:
            new = {'global_head': 'proj', 'local_head': 'proj1'}[part] + \
                '.' + rest.split('.', 1)[1]
        mapping[name] = f'{new}.{leaf}'
    return mapping


def test_reference_network_equals_glcnet():
    cfg = Config.fromfile(
        osp.join(ROOT, 'configs', '_base_', 'models', 'glcnet_r50-os16.py'))
    # the model base takes its bands from the Potsdam setting's preprocessor
    cfg.model.data_preprocessor = Config.fromfile(
        osp.join(ROOT, 'configs', '_base_', 'datasets',
                 'potsdam-rgbir_pretrain.py')).data_preprocessor
    torch.manual_seed(0)
    ours = revert_sync_batchnorm(MODELS.build(cfg.model))
    ours.init_weights()
    ref = load_tool('benchmarks/glcnet_reference.py').GLCNetReference(4, window_size=48)

    # random BN statistics, so that eval mode exercises them
    gen = torch.Generator().manual_seed(1)
    for module in ours.modules():
        if isinstance(module, torch.nn.BatchNorm2d):
            module.running_mean.normal_(0, 0.1, generator=gen)
            module.running_var.uniform_(0.5, 1.5, generator=gen)
    state = {k: v for k, v in ours.state_dict().items()
             if 'loss_module' not in k}
    mapped = {new: state[name] for name, new in _name_map(state).items()}
    # we concatenate [image pool, ASPP branches], the reference
    # [ASPP branches, image pool]
    weight = state['decode_head.bottleneck.conv.weight']
    mapped['aspp_out.0.0.weight'] = torch.cat(
        [weight[:, 256:], weight[:, :256]], dim=1)
    ref.load_state_dict(mapped, strict=True)  # every reference key is set
    ours.eval(), ref.eval()

    # 224 px views as in pretraining: a 14x14 ASPP input, 56x56 decoder map
    views = [torch.randn(2, 4, 224, 224, generator=gen) for _ in range(2)]
    xy = torch.randint(0, 224 - 48 + 1, (2, 4, 2, 2), generator=gen)
    windows = torch.cat([xy, xy + 48], -1).float()
    with torch.no_grad():
        q, k, q1, k1 = ref(views, windows)
        outs = []
        for v, view in enumerate(views):
            aspp, dense = ours._forward_view(view)
            outs.append((ours.global_head(aspp),
                         ours.local_head(dense, windows[:, :, v],
                                         image_size=(224, 224),
                                         align_corners=True)))
    (ours_q, ours_q1), (ours_k, ours_k1) = outs
    for a, b in ((ours_q, q), (ours_k, k), (ours_q1, q1), (ours_k1, k1)):
        torch.testing.assert_close(a, b, rtol=1e-4, atol=1e-5)
