"""--auto-scale-lr and --no-validate of tools/train.py, as in mmpretrain."""
import os.path as osp

import pytest
from mmengine.config import Config

from grsim_mm.cli.train import merge_args, parse_args

PRETRAIN = 'configs/glcnet/glcnet_r18-os16_1xb16-2e_demo.py'
FINETUNE = 'configs/finetune/deeplabv3plus_r18-os16_glcnet_1xb8-40e_demo-1pct.py'


def merged(config: str, *argv: str) -> Config:
    args = parse_args([config, *argv])
    return merge_args(Config.fromfile(config), args)


def test_auto_scale_lr_enables_the_config_setting(repo_root):
    config = osp.join(repo_root, PRETRAIN)
    assert Config.fromfile(config).auto_scale_lr == dict(
        base_batch_size=256, enable=False)
    assert merged(config).auto_scale_lr.enable is False
    cfg = merged(config, '--auto-scale-lr')
    assert cfg.auto_scale_lr == dict(base_batch_size=256, enable=True)
    # --cfg-options are merged first, the flag acts on the result
    cfg = merged(config, '--auto-scale-lr', '--cfg-options',
                 'auto_scale_lr.base_batch_size=64')
    assert cfg.auto_scale_lr == dict(base_batch_size=64, enable=True)


def test_auto_scale_lr_without_base_batch_size_is_an_error(
        tiny_seg_config):
    assert 'auto_scale_lr' not in Config.fromfile(tiny_seg_config)
    with pytest.raises(ValueError, match='tiny_seg_config.py has no '
                       r'auto_scale_lr.base_batch_size'):
        merged(tiny_seg_config, '--auto-scale-lr')
    with pytest.raises(ValueError, match='base_batch_size'):
        merged(tiny_seg_config, '--auto-scale-lr', '--cfg-options',
               'auto_scale_lr.enable=False')
    cfg = merged(tiny_seg_config, '--auto-scale-lr', '--cfg-options',
                 'auto_scale_lr.base_batch_size=4')
    assert cfg.auto_scale_lr == dict(base_batch_size=4, enable=True)


def test_no_validate_removes_the_val_loop_only(repo_root):
    config = osp.join(repo_root, FINETUNE)
    plain = merged(config)
    assert plain.val_cfg == dict(type='ValLoop')
    assert plain.val_dataloader.dataset.split == 'trainSel'
    cfg = merged(config, '--no-validate', '--cfg-options',
                 'val_dataloader.batch_size=2')
    assert (cfg.val_cfg, cfg.val_dataloader, cfg.val_evaluator) == \
        (None, None, None)
    # training and testing are untouched
    assert cfg.train_dataloader == plain.train_dataloader
    assert cfg.test_dataloader == plain.test_dataloader
    assert cfg.test_evaluator == plain.test_evaluator
    assert cfg.train_cfg == plain.train_cfg


def test_dataset_flag_swaps_the_dataset_setting(repo_root):
    config = osp.join(repo_root, PRETRAIN)
    setting = osp.join(repo_root, 'configs', '_base_', 'datasets',
                       'potsdam-rgbir_pretrain.py')
    cfg = merged(config, '--dataset', setting)
    dataset = cfg.train_dataloader.dataset
    assert (dataset.data_root, dataset.list_dir) == ('data/potsdam/',
                                                     'data_lists/potsdam/')
    # the method's own views stay
    assert dataset.pipeline == Config.fromfile(
        config).train_dataloader.dataset.pipeline
    assert cfg.work_dir.endswith(
        'glcnet_r18-os16_1xb16-2e_demo_on_potsdam-rgbir_pretrain')
    with pytest.raises(ValueError, match='segmentation setting'):
        merged(config, '--dataset', setting.replace('_pretrain', ''))


def test_old_config_names_resolve_through_the_alias_table(repo_root):
    from grsim_mm.utils import resolve_config
    old = osp.join(repo_root,
                   'configs/finetune/deeplabv3plus_r18-os16_glcnet-1pct_demo.py')
    with pytest.warns(UserWarning, match='was renamed to'):
        assert resolve_config(old) == osp.join(repo_root, FINETUNE)
    assert resolve_config(osp.join(repo_root, FINETUNE)) == osp.join(
        repo_root, FINETUNE)
    with pytest.raises(FileNotFoundError, match='config not found'):
        resolve_config(osp.join(repo_root, 'configs/finetune/nothing.py'))
