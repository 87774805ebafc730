"""The released-settings pretraining of FALSE and GraSS (VISSL's SimCLR on
an output-stride-32 trunk, no ASPP) takes a step, and its checkpoint
initialises the frozen-encoder fine-tuning of the FALSE code: the backbone
is loaded and stays fixed (BatchNorm statistics included) while the
DeepLabV3+ and auxiliary FCN heads learn."""
import os.path as osp

import pytest
import torch
from mmengine.config import Config
from mmengine.optim import build_optim_wrapper
from mmengine.registry import DefaultScope
from mmengine.structures import PixelData
from mmpretrain.registry import MODELS as SELFSUP_MODELS
from mmseg.registry import MODELS as SEG_MODELS
from mmseg.structures import SegDataSample

PRETRAIN = {
    'FALSE': 'configs/false/'
    'false-released_r50-os32_1xb256-lars-200e_potsdam-rgbir.py',
    'GraSS': 'configs/grass/'
    'grass-released_r50-os32_1xb256-lars-350e_potsdam-rgbir.py',
}
FINETUNE = ('configs/finetune/deeplabv3plus-fcnaux_r50-os16-frozen_'
            'false-released_1xb16-1300it_potsdam-rgbir-1pct.py')
# ResNet-18 at quarter width, small heads: seconds on a CPU
TINY = {
    'model.backbone.depth': 18,
    'model.backbone.stem_channels': 16,
    'model.backbone.base_channels': 16,
}
TINY_HEAD = {'model.head.in_channels': 128, 'model.head.hid_channels': 32,
             'model.head.out_channels': 16}
TINY_SEG_HEAD = {
    'model.decode_head.in_channels': 128,
    'model.decode_head.c1_in_channels': 16,
    'model.decode_head.channels': 32,
    'model.auxiliary_head.channels': 16,
    'model.data_preprocessor.size': (64, 64),
}


def pretrain_step(repo_root, config, gs_active):
    cfg = Config.fromfile(osp.join(repo_root, config))
    cfg.merge_from_dict({**TINY, **TINY_HEAD})
    model_cfg = dict(cfg.model, data_preprocessor=cfg.data_preprocessor)
    with DefaultScope.overwrite_default_scope('mmpretrain'):
        torch.manual_seed(0)
        model = SELFSUP_MODELS.build(model_cfg)
    model.init_weights()
    if gs_active is not None:
        model.gs_active = gs_active
    gen = torch.Generator().manual_seed(0)
    views = [torch.randint(0, 256, (3, 4, 64, 64), generator=gen,
                           dtype=torch.uint8) for _ in range(2)]
    data = model.data_preprocessor(dict(inputs=views, data_samples=None),
                                   training=True)
    optim = torch.optim.SGD(model.parameters(), lr=0.1)
    loss = model.loss(data['inputs'], [])['loss']
    loss.backward()
    optim.step()
    return model, loss


@pytest.mark.parametrize('method', sorted(PRETRAIN))
def test_released_checkpoint_initialises_the_frozen_probe(
        method, repo_root, tmp_path):
    model, loss = pretrain_step(repo_root, PRETRAIN[method],
                                True if method == 'GraSS' else None)
    assert torch.isfinite(loss)
    state = model.state_dict()
    # VISSL's trunk: no ASPP, a projector without ReLU on pooled layer4
    assert not any(k.startswith('decode_head.') for k in state)
    ckpt_file = str(tmp_path / 'best_loss_epoch_1.pth')
    torch.save({'state_dict': state, 'meta': {}}, ckpt_file)

    cfg = Config.fromfile(osp.join(repo_root, FINETUNE))
    cfg.merge_from_dict({
        **TINY, **TINY_SEG_HEAD,
        'model.init_cfg.checkpoint': str(tmp_path / 'best_loss_epoch_*.pth'),
    })
    assert cfg.model.init_cfg.mode == 'backbone'
    with DefaultScope.overwrite_default_scope('mmseg'):
        segmentor = SEG_MODELS.build(cfg.model)
        segmentor.init_weights()
        loaded = {k: v.clone() for k, v in segmentor.state_dict().items()}
        backbone = [k for k in loaded if k.startswith('backbone.')]
        assert backbone
        for k in backbone:
            assert torch.equal(loaded[k], state[k]), k

        gen = torch.Generator().manual_seed(1)
        samples = []
        for _ in range(2):
            sample = SegDataSample()
            sample.gt_sem_seg = PixelData(data=torch.randint(
                0, cfg.num_classes, (1, 64, 64), generator=gen))
            sample.set_metainfo(dict(img_shape=(64, 64), ori_shape=(64, 64),
                                     pad_shape=(64, 64)))
            samples.append(sample)
        batch = dict(inputs=[torch.randint(0, 256, (4, 64, 64),
                                           generator=gen, dtype=torch.uint8)
                             for _ in range(2)],
                     data_samples=samples)
        optim = build_optim_wrapper(segmentor, cfg.optim_wrapper)
        segmentor.train()
        log_vars = segmentor.train_step(batch, optim)
    # the auxiliary FCN head on layer3 contributes, at weight 0.4
    assert 'aux.loss_ce' in log_vars
    after = segmentor.state_dict()
    for k in backbone:  # weights and BatchNorm statistics alike
        assert torch.equal(after[k], loaded[k]), k
    for head in ('decode_head.', 'auxiliary_head.'):
        changed = [k for k in after if k.startswith(head)
                   and after[k].is_floating_point()
                   and not torch.equal(after[k], loaded[k])]
        assert changed, head
