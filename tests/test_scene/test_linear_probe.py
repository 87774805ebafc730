"""Linear probe through mmpretrain's ImageClassifier: a frozen backbone with
BN in eval mode, trained on the scene demo data, initialised from a
pretraining checkpoint, beats chance."""
import glob
import os.path as osp

import numpy as np
import pytest
import torch
from mmengine.runner import Runner
from mmpretrain.registry import MODELS
from scene_helpers import assert_probe_trains_only_the_head

from grsim_mm.datasets import get_scene_preset, make_scene_demo_dataset

BANDS = 13
BACKBONE = dict(type='ResNet', depth=18, in_channels=BANDS, stem_channels=8,
                base_channels=8, out_indices=(3, ))
# the linear-probe keys: every stage frozen, BN statistics fixed
LINEAR_PROBE = dict(frozen_stages=4, norm_eval=True)


def classifier_cfg(init_cfg=None):
    preset = get_scene_preset('scene-demo')
    return dict(
        type='ImageClassifier',
        data_preprocessor=dict(type='ClsDataPreprocessor', num_classes=6,
                               mean=preset['mean'], std=preset['std'],
                               to_rgb=False),
        backbone=dict(BACKBONE, **LINEAR_PROBE),
        neck=dict(type='GlobalAveragePooling'),
        head=dict(type='LinearClsHead', num_classes=6, in_channels=64),
        init_cfg=init_cfg)


def test_frozen_backbone_and_bn_statistics():
    torch.manual_seed(0)
    model = MODELS.build(classifier_cfg())
    model.init_weights()
    model.train()
    assert_probe_trains_only_the_head(model, BANDS, size=32, high=5000,
                                      steps=3)
    # BN layers stay in eval mode however often train() is called
    model.train()
    norms = [m for m in model.backbone.modules()
             if isinstance(m, torch.nn.BatchNorm2d)]
    assert len(norms) == 20 and not any(m.training for m in norms)


@pytest.fixture(scope='module')
def demo_root(tmp_path_factory):
    root = str(tmp_path_factory.mktemp('scene_demo'))
    make_scene_demo_dataset(root, size=16)
    return root


def dataloader(root, split, shuffle=False):
    pipeline = [
        dict(type='LoadRasterImageFromFile', num_bands=BANDS),
        dict(type='PackInputs')
    ]
    if shuffle:
        pipeline.insert(1, dict(type='RandomRot90Flip', prob=0.5))
    return dict(
        batch_size=20, num_workers=0,
        sampler=dict(type='DefaultSampler', shuffle=shuffle),
        dataset=dict(type='RSISceneDataset', data_root=root,
                     data_prefix='images', preset='scene-demo',
                     ann_file=f'splits/seed0/{split}.txt',
                     classes='splits/seed0/classes.txt', pipeline=pipeline))


def test_linear_probe_on_demo_beats_chance(demo_root, tmp_path):
    # a pretraining checkpoint of the RSISC SimCLR, as the Runner saves it
    torch.manual_seed(1)
    simclr = MODELS.build(
        dict(type='SimCLR', backbone=dict(BACKBONE, out_indices=(3, )),
             neck=dict(type='NonLinearNeck', in_channels=64,
                       hid_channels=32, out_channels=16,
                       norm_cfg=dict(type='BN1d')),
             head=dict(type='ContrastiveHead',
                       loss=dict(type='CrossEntropyLoss'), temperature=0.5)))
    ckpt = str(tmp_path / 'simclr.pth')
    torch.save(dict(state_dict=simclr.state_dict()), ckpt)

    # kwargs instead of a Config: no config text to format and dump
    runner = Runner(
        default_scope='mmpretrain',
        work_dir=str(tmp_path / 'work'),
        randomness=dict(seed=0),
        model=classifier_cfg(
            dict(type='PretrainedBackbone', checkpoint=ckpt)),
        train_dataloader=dataloader(demo_root, 'train_k20', True),
        val_dataloader=dataloader(demo_root, 'selection'),
        test_dataloader=dataloader(demo_root, 'test'),
        val_evaluator=dict(type='RSISceneMetric'),
        test_evaluator=dict(type='RSISceneMetric', classwise=True),
        optim_wrapper=dict(optimizer=dict(type='Adam', lr=0.05)),
        train_cfg=dict(by_epoch=True, max_epochs=6, val_interval=3),
        val_cfg=dict(), test_cfg=dict(),
        default_hooks=dict(
            logger=dict(type='LoggerHook', interval=50),
            checkpoint=dict(type='CheckpointHook', interval=6,
                            save_best='scene/OA', rule='greater')),
        log_level='WARNING')
    runner.train()
    # the backbone is still the checkpoint's
    loaded = torch.load(ckpt)['state_dict']
    assert torch.equal(runner.model.backbone.conv1.weight,
                       loaded['backbone.conv1.weight'])
    assert torch.equal(runner.model.backbone.bn1.running_var,
                       loaded['backbone.bn1.running_var'])
    metrics = runner.test()
    # six classes: chance is 16.7 % (this seeded run: 45.8 %)
    assert metrics['scene/OA'] > 30
    assert -1 <= metrics['scene/kappa'] <= 1
    matrix = np.asarray(metrics['scene/confusion_matrix'])
    assert matrix.shape == (6, 6) and matrix.sum() == 120
    # the confusion matrix is saved next to the run's log
    saved = glob.glob(
        osp.join(str(tmp_path / 'work'), '*', 'scene_confusion_matrix.csv'))
    assert len(saved) == 1
    # model selection ran on the selection split
    assert glob.glob(osp.join(str(tmp_path / 'work'), 'best_scene_OA_*.pth'))
