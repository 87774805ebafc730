"""The scene configs: dataset settings state the presets' facts, the
pretraining settings read the unlabelled list, a classification config
moves to another setting, segmentation checkpoints load into the classifier
through the configs, and the demo linear probe beats chance through them."""
import glob
import os.path as osp

import numpy as np
import pytest
import torch
from mmengine.config import Config
from mmengine.runner import Runner
from mmpretrain.registry import MODELS

from grsim_mm.datasets import get_scene_preset, make_scene_demo_dataset
from grsim_mm.utils import use_dataset_setting

REPO = osp.dirname(osp.dirname(osp.dirname(osp.abspath(__file__))))
SCENE = osp.join(REPO, 'configs', '_base_', 'datasets', 'scene')
SETTINGS = sorted(
    osp.basename(p)[:-3] for p in glob.glob(osp.join(SCENE, '*.py'))
    if not p.endswith(('_pretrain.py', 'rsi_scene.py')))
LOADERS = ('train_dataloader', 'val_dataloader', 'test_dataloader')


def config(*parts):
    return Config.fromfile(osp.join(REPO, 'configs', *parts))


@pytest.mark.parametrize('name', SETTINGS)
def test_settings_state_the_presets_facts(name):
    cfg = Config.fromfile(osp.join(SCENE, f'{name}.py'))
    preset = get_scene_preset(name)
    assert cfg.data_preprocessor.type == 'ClsDataPreprocessor'
    assert cfg.data_preprocessor.num_classes == len(preset['classes'])
    assert cfg.data_preprocessor.mean == pytest.approx(preset['mean'])
    assert cfg.data_preprocessor.std == pytest.approx(preset['std'])
    assert cfg.data_preprocessor.to_rgb is False
    splits = [cfg[loader].dataset.split for loader in LOADERS]
    # model selection on its own split, never on the test list
    assert splits == ['train_k20', 'selection', 'test']
    for loader in LOADERS:
        assert cfg[loader].dataset.preset == name
        assert cfg[loader].dataset.data_root.startswith('data/')
    assert cfg.test_evaluator == dict(type='RSISceneMetric', classwise=True)


@pytest.mark.parametrize('name',
                         ['aid', 'nwpu-resisc45', 'eurosat-ms', 'scene-demo'])
def test_pretraining_settings_read_the_unlabelled_list(name):
    cfg = Config.fromfile(osp.join(SCENE, f'{name}_pretrain.py'))
    preset = get_scene_preset(name)
    assert cfg.data_preprocessor == dict(
        type='MultiBandSelfSupDataPreprocessor', to_rgb=False,
        mean=preset['mean'], std=preset['std'])
    loader = cfg.train_dataloader
    assert loader.dataset.split == 'pretrain' and loader.drop_last
    assert loader.collate_fn.type == 'default_collate'
    assert loader.batch_size == (32 if name == 'scene-demo' else 256)
    assert cfg.val_dataloader is None and cfg.test_dataloader is None


def test_classification_config_on_another_setting():
    cfg = config('classification',
                 'rsisc-linear_r18_simclr_1xb16-30e_scene-demo.py')
    moved = use_dataset_setting(cfg, osp.join(SCENE, 'scene-demo-rgb.py'))
    assert len(moved.data_preprocessor.mean) == 3
    assert moved.data_preprocessor.num_classes == 6
    for loader in LOADERS:
        assert moved[loader].dataset.preset == 'scene-demo-rgb'
    # the protocol's augmentation stays
    assert moved.train_dataloader.dataset.pipeline == \
        cfg.train_dataloader.dataset.pipeline
    with pytest.raises(ValueError, match='pretraining setting'):
        use_dataset_setting(cfg, osp.join(SCENE, 'aid_pretrain.py'))


def _randomised(model):
    """A state dict as the Runner saves it, with weights and BN statistics
    that differ from any initialisation."""
    state = model.state_dict()
    for value in state.values():
        if value.is_floating_point():
            value.copy_(torch.randn_like(value))
    return state


@pytest.mark.parametrize(
    'pretrain', ['glcnet/glcnet_r18-os16_1xb16-2e_demo.py',
                 'baselines/mocov2_r18-os16_1xb16-2e_demo.py'],
    ids=['glcnet', 'moco'])
def test_segmentation_checkpoint_into_the_classifier(pretrain, tmp_path):
    """Every backbone tensor of a GLCNet and a MoCo v2 segmentation
    pretraining (R, G, B, NIR) reaches the scene classifier of the config
    that judges segmentation pretrainings on RGB scenes."""
    torch.manual_seed(0)
    pre_cfg = config(*pretrain.split('/'))
    source = MODELS.build(
        dict(pre_cfg.model, data_preprocessor=pre_cfg.data_preprocessor))
    saved = _randomised(source)
    ckpt = str(tmp_path / 'pretrain.pth')
    torch.save(dict(state_dict=saved), ckpt)

    cfg = config('classification',
                 'tov-linear_r18_seg-pretrained_1xb16-30e_scene-demo-rgb.py')
    cfg.model.init_cfg.checkpoint = ckpt
    model = MODELS.build(
        dict(cfg.model, data_preprocessor=cfg.data_preprocessor))
    model.init_weights()
    loaded = model.backbone.state_dict()
    expected = {k[len('backbone.'):]: v for k, v in saved.items()
                if k.startswith('backbone.')}
    assert sorted(loaded) == sorted(expected) and len(loaded) == 120
    for key, value in loaded.items():
        want = expected[key][:, :3] if key == 'conv1.weight' \
            else expected[key]
        assert torch.equal(value, want), key
    assert model.backbone.conv1.in_channels == 3
    assert not any(p.requires_grad for p in model.backbone.parameters())


@pytest.fixture(scope='module')
def scene_demo(tmp_path_factory):
    root = str(tmp_path_factory.mktemp('scene_demo'))
    make_scene_demo_dataset(root, size=16)
    return root


def test_demo_linear_probe_beats_chance(scene_demo, tmp_path):
    """The demo's RSISC linear probe, as its config states it, from a
    checkpoint of the demo's SimCLR config."""
    torch.manual_seed(0)
    pre_cfg = config('rsisc', 'rsisc-simclr_r18_1xb32-2e_scene-demo.py')
    simclr = MODELS.build(
        dict(pre_cfg.model, data_preprocessor=pre_cfg.data_preprocessor))
    ckpt = str(tmp_path / 'simclr.pth')
    torch.save(dict(state_dict=simclr.state_dict()), ckpt)

    cfg = config('classification',
                 'rsisc-linear_r18_simclr_1xb16-30e_scene-demo.py')
    cfg.merge_from_dict({
        'work_dir': str(tmp_path / 'work'),
        'model.init_cfg.checkpoint': ckpt,
        'train_cfg.max_epochs': 4,
        'train_cfg.val_interval': 2,
        'log_level': 'WARNING',
        **{f'{loader}.{key}': value for loader in LOADERS
           for key, value in (('dataset.data_root', scene_demo),
                              ('num_workers', 0),
                              ('persistent_workers', False))}
    })
    runner = Runner.from_cfg(cfg)
    runner.train()
    loaded = torch.load(ckpt)['state_dict']
    assert torch.equal(runner.model.backbone.layer4[1].conv2.weight,
                       loaded['backbone.layer4.1.conv2.weight'])
    metrics = runner.test()
    # six classes: chance is 16.7 %
    assert metrics['scene/OA'] > 40, metrics['scene/OA']
    matrix = np.asarray(metrics['scene/confusion_matrix'])
    assert matrix.shape == (6, 6) and matrix.sum() == 120
    # the model was selected on the selection split
    assert glob.glob(str(tmp_path / 'work' / 'best_scene_OA_epoch_*.pth'))
