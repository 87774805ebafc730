"""GFCNet is the SimCLR baseline with the corrected loss: the same value as
NT-Xent when nothing is near, corrections when samples are near."""
import copy

import pytest
import torch
from _glcnet_tiny import TINY_GLCNET
from mmpretrain.registry import MODELS
from mmpretrain.structures import DataSample

import grsim_mm  # noqa: F401

HEAD = dict(type='GlobalContrastHead', in_channels=32, hid_channels=32,
            out_channels=16)


def tiny(kind, loss):
    cfg = copy.deepcopy(TINY_GLCNET)
    for key in ('global_head', 'local_head', 'loss_lambda'):
        cfg.pop(key)
    cfg['decode_head']['aspp_dropout_ratio'] = 0.0
    # GFCNet, or the SimCLR baseline's algorithm with the same head
    cfg.update(type=kind, global_head=dict(HEAD, loss=loss), local_head=None)
    torch.manual_seed(0)
    return MODELS.build(cfg)


def batch(centres, frames, seed=0):
    gen = torch.Generator().manual_seed(seed)
    views = [torch.randint(0, 256, (len(frames), 4, 32, 32), generator=gen,
                           dtype=torch.uint8) for _ in range(2)]
    samples = []
    for centre, frame in zip(centres, frames):
        sample = DataSample()
        sample.set_field(torch.tensor(centre, dtype=torch.float64), 'centre')
        sample.set_field(frame, 'frame')
        samples.append(sample)
    return dict(inputs=views, data_samples=samples)


def loss_of(model, data):
    data = model.data_preprocessor(copy.deepcopy(data), training=True)
    return model(**data, mode='loss')


GEO = dict(type='GeoFeatureCorrectedNTXentLoss', geo_radius=100.0,
           temperature=0.5)


def test_nothing_near_is_the_simclr_baseline_with_nt_xent():
    gfcnet = tiny('GFCNet', GEO).train()
    simclr = tiny('GLCNet', dict(type='NTXentLoss', temperature=0.5)).train()
    simclr.load_state_dict(gfcnet.state_dict())
    # four samples, each in a frame of its own
    data = batch([(0, 0)] * 4, [1, 2, 3, 4])
    losses = loss_of(gfcnet, data)
    assert losses['corrected_fraction'].item() == 0
    expected = loss_of(simclr, data)['loss_global']
    assert losses['loss_contrast'].item() == pytest.approx(expected.item(),
                                                           rel=1e-6)


def test_twins_on_the_ground_are_removed():
    # every negative at the anchor's place in its frame, threshold 1: all
    # negatives are removed and each anchor's term is -log(1) = 0
    model = tiny('GFCNet', dict(GEO, threshold=1.0)).train()
    losses = loss_of(model, batch([(5, 5)] * 4, [7] * 4))
    assert losses['corrected_fraction'].item() == 1
    assert losses['loss_contrast'].item() == pytest.approx(0, abs=1e-6)
    # the same samples in two frames: only pairs within a frame are near
    losses = loss_of(model, batch([(5, 5)] * 4, [7, 7, 8, 8]))
    # per anchor 6 negatives (both views of the 3 other samples), of which
    # the 2 views of the other sample in its frame are near
    assert losses['corrected_fraction'].item() == pytest.approx(2 / 6)


def test_missing_positions_are_a_clear_error():
    model = tiny('GFCNet', GEO)
    data = batch([(0, 0)] * 2, [1, 2])
    for sample in data['data_samples']:
        del sample.centre
    with pytest.raises(ValueError, match=r"no \['centre'\].*SamplePosition"):
        loss_of(model, data)


def test_needs_a_global_head_only():
    cfg = copy.deepcopy(TINY_GLCNET)
    with pytest.raises(ValueError, match='needs a global_head and no local'):
        MODELS.build(dict(cfg, type='GFCNet'))
    cfg['global_head'] = None
    with pytest.raises(ValueError, match='needs a global_head and no local'):
        MODELS.build(dict(cfg, type='GFCNet', local_head=None))
