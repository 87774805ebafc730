"""The model follows the data: band count from the data preprocessor."""
import copy

import pytest
import torch
from mmpretrain.registry import MODELS as PRETRAIN_MODELS
from mmpretrain.structures import DataSample
from mmseg.registry import MODELS as SEG_MODELS

import grsim_mm  # noqa: F401
from grsim_mm.models.utils import (MultiBandSelfSupDataPreprocessor,
                                   follow_data_bands)
from _glcnet_tiny import TINY_GLCNET

BANDS = 13
SELFSUP_PRE = dict(type='MultiBandSelfSupDataPreprocessor',
                   mean=[1000.] * BANDS, std=[500.] * BANDS)
SEG_PRE = dict(type='SegDataPreProcessor', mean=[1000.] * BANDS,
               std=[500.] * BANDS, bgr_to_rgb=False, size=(32, 32))


def backbone(**kwargs):
    cfg = copy.deepcopy(TINY_GLCNET['backbone'])
    cfg.pop('in_channels')
    cfg.update(kwargs)
    return cfg


def decode_head(**kwargs):
    return dict(copy.deepcopy(TINY_GLCNET['decode_head']), **kwargs)


def test_band_count_comes_from_the_mean():
    cfg = backbone()
    out = follow_data_bands(cfg, SELFSUP_PRE, 'Owner')
    assert out['in_channels'] == BANDS
    assert 'in_channels' not in cfg  # the caller's config is left alone
    module = MultiBandSelfSupDataPreprocessor(mean=[0.] * 5, std=[1.] * 5)
    assert follow_data_bands(cfg, module, 'Owner')['in_channels'] == 5
    # agreeing, or a single mean shared by every band: kept as written
    assert follow_data_bands(backbone(in_channels=BANDS), SELFSUP_PRE,
                             'Owner')['in_channels'] == BANDS
    assert follow_data_bands(backbone(in_channels=4), dict(mean=[127.5]),
                             'Owner')['in_channels'] == 4
    assert follow_data_bands(backbone(in_channels=4), None,
                             'Owner')['in_channels'] == 4


def test_mismatch_and_missing_count_are_errors():
    with pytest.raises(ValueError, match=r'Owner: backbone.in_channels is 4 '
                       r'but the data preprocessor normalises 13 bands'):
        follow_data_bands(backbone(in_channels=4), SELFSUP_PRE, 'Owner')
    with pytest.raises(ValueError, match='Owner: the backbone has no '
                       'in_channels and there is no data preprocessor'):
        follow_data_bands(backbone(), None, 'Owner')
    with pytest.raises(ValueError, match='no in_channels'):
        follow_data_bands(backbone(), dict(type='SegDataPreProcessor'),
                          'Owner')


SEG_METHODS = {
    'GLCNet':
    dict(global_head=dict(type='GlobalContrastHead', in_channels=32,
                          hid_channels=16, out_channels=8, style=True)),
    'SSCCL':
    dict(instance_head=dict(type='GlobalContrastHead', in_channels=32,
                            hid_channels=16, out_channels=8)),
    'Inpainting':
    dict(head=dict(type='InpaintingHead', in_channels=32, skip_channels=[16],
                   skip_indices=[0], channels=[8], out_channels=BANDS)),
    'Jigsaw':
    dict(head=dict(type='JigsawHead', in_channels=32, num_classes=10,
                   tile_channels=8, hid_channels=16)),
}


@pytest.mark.parametrize('method', sorted(SEG_METHODS))
def test_seg_methods_take_13_bands_from_the_preprocessor(method):
    cfg = dict(type=method, backbone=backbone(), decode_head=decode_head(),
               data_preprocessor=copy.deepcopy(SELFSUP_PRE),
               **SEG_METHODS[method])
    model = PRETRAIN_MODELS.build(cfg)
    assert model.backbone.conv1.in_channels == BANDS
    feats = model.extract_feat(torch.zeros(2, BANDS, 32, 32))
    assert feats[0].shape == (2, 16, 8, 8)
    cfg['backbone'] = backbone(in_channels=4)
    with pytest.raises(ValueError, match=rf'{method}: backbone.in_channels '
                       r'is 4 but the data preprocessor normalises 13'):
        PRETRAIN_MODELS.build(cfg)


def test_seg_moco_encoder_follows_the_data():
    model = PRETRAIN_MODELS.build(
        dict(type='SegMoCo', backbone=backbone(), decode_head=decode_head(),
             neck=dict(type='MoCoV2Neck', in_channels=32, hid_channels=16,
                       out_channels=8, with_avg_pool=True),
             head=dict(type='ContrastiveHead',
                       loss=dict(type='CrossEntropyLoss'), temperature=0.2),
             queue_len=8, feat_dim=8,
             data_preprocessor=copy.deepcopy(SELFSUP_PRE)))
    assert model.backbone.backbone.conv1.in_channels == BANDS
    assert model.encoder_k.module[0].backbone.conv1.in_channels == BANDS
    assert model.state_dict()['backbone.conv1.weight'].shape[1] == BANDS


def test_base_helpers():
    model = PRETRAIN_MODELS.build(
        dict(type='GLCNet', backbone=backbone(), decode_head=decode_head(),
             data_preprocessor=copy.deepcopy(SELFSUP_PRE),
             **SEG_METHODS['GLCNet']))
    samples = []
    for i in range(3):
        sample = DataSample()
        sample.set_field([[i, 2 * i]], 'pairs')
        samples.append(sample)
    stacked = model.stack_field(samples, 'pairs', torch.float64,
                                torch.device('cpu'))
    assert stacked.dtype == torch.float64
    assert stacked.tolist() == [[[0, 0]], [[1, 2]], [[2, 4]]]
    model.check_finite(dict(loss_a=torch.tensor(1.0)))
    with pytest.raises(RuntimeError, match=r'GLCNet loss is not finite'
                       r'( at iteration \d+)?: '
                       r"\{'loss_a': 1.0, 'loss_b': nan\}"):
        model.check_finite(dict(loss_a=torch.tensor(1.0),
                                loss_b=torch.tensor(float('nan'))))
    with pytest.raises(ValueError, match='Jigsaw needs a head'):
        PRETRAIN_MODELS.build(
            dict(type='Jigsaw', backbone=backbone(in_channels=4),
                 decode_head=decode_head()))


def seg_cfg(segmentor, **backbone_kwargs):
    return dict(
        type=segmentor,
        _scope_='mmseg',
        data_preprocessor=copy.deepcopy(SEG_PRE),
        backbone=backbone(**backbone_kwargs),
        decode_head=decode_head(num_classes=5, dropout_ratio=0.1),
        train_cfg=dict(),
        test_cfg=dict(mode='whole'))


def test_rsi_encoder_decoder_follows_the_data():
    model = SEG_MODELS.build(seg_cfg('RSIEncoderDecoder')).eval()
    assert model.backbone.conv1.in_channels == BANDS
    metas = [dict(img_shape=(32, 32), ori_shape=(32, 32),
                  pad_shape=(32, 32))]
    logits = model.encode_decode(torch.zeros(1, BANDS, 32, 32), metas)
    assert logits.shape == (1, 5, 32, 32)
    with pytest.raises(ValueError, match='RSIEncoderDecoder: backbone.'
                       'in_channels is 4 but the data preprocessor '
                       'normalises 13 bands'):
        SEG_MODELS.build(seg_cfg('RSIEncoderDecoder', in_channels=4))


def test_rsi_encoder_decoder_checkpoint_is_an_encoder_decoders():
    torch.manual_seed(0)
    ours = SEG_MODELS.build(seg_cfg('RSIEncoderDecoder')).state_dict()
    torch.manual_seed(0)
    theirs = SEG_MODELS.build(
        seg_cfg('EncoderDecoder', in_channels=BANDS)).state_dict()
    assert list(ours) == list(theirs)
    for key, value in ours.items():
        assert value.shape == theirs[key].shape, key
        torch.testing.assert_close(value, theirs[key])
