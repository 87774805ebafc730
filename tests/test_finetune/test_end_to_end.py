"""Pretrain -> fine-tune -> test through mmengine's Runner on demo tiles."""
import os.path as osp

import numpy as np
import pytest
import torch
from mmengine.config import Config
from mmengine.dataset import pseudo_collate
from mmengine.runner import Runner
from mmseg.apis import init_model
from mmseg.registry import DATASETS
from sklearn.metrics import accuracy_score, cohen_kappa_score

from grsim_mm import study

TILE = (64, 64)


def tiny_finetune_cfg(config: str, demo_root: str, work_dir: str,
                      checkpoint: str) -> Config:
    cfg = Config.fromfile(config)
    cfg.work_dir = work_dir
    cfg.log_level = 'WARNING'
    options = {
        'model.init_cfg.checkpoint': checkpoint,
        'model.data_preprocessor.size': TILE,
        'train_dataloader.batch_size': 2,
        'train_cfg.max_epochs': 2,
        'train_cfg.val_interval': 1,
        'default_hooks.checkpoint.interval': 2,
    }
    for loader in study.SEG_LOADERS:
        options.update({
            f'{loader}.num_workers': 0,
            f'{loader}.persistent_workers': False,
            f'{loader}.dataset.data_root': demo_root,
        })
    cfg.merge_from_dict(options)
    return cfg


def test_pretrain_finetune_test(finetune_config, demo_root, glcnet_checkpoint,
                                tmp_path):
    ft_dir = str(tmp_path / 'finetune')
    cfg = tiny_finetune_cfg(finetune_config, demo_root, ft_dir,
                            glcnet_checkpoint)
    Runner.from_cfg(cfg).train()

    # Model selection wrote the best-mIoU checkpoint; validation ran on
    # trainSel once per epoch.
    best = study.find_checkpoint(ft_dir)
    assert osp.basename(best).startswith('best_mIoU_epoch_')
    val = [r for r in study.read_scalars(ft_dir) if 'mIoU' in r]
    assert [r['step'] for r in val] == [1, 2]
    assert max(r['mIoU'] for r in val) == pytest.approx(
        torch.load(best, weights_only=True)['message_hub']['runtime_info']
        ['best_score'])

    test_dir = str(tmp_path / 'test')
    cfg = tiny_finetune_cfg(finetune_config, demo_root, test_dir,
                            glcnet_checkpoint)
    cfg.load_from = best
    metrics = Runner.from_cfg(cfg).test()
    assert study.read_test_metrics(test_dir)['Kappa'] == metrics['Kappa']

    # The same numbers from an independent pass over the test tiles.
    model = init_model(cfg, best, device='cpu')
    dataset = DATASETS.build(cfg.test_dataloader.dataset)
    assert len(dataset) == 4
    y_true, y_pred = [], []
    with torch.no_grad():
        for i in range(len(dataset)):
            out = model.test_step(pseudo_collate([dataset[i]]))[0]
            y_true.append(out.gt_sem_seg.data.numpy().ravel())
            y_pred.append(out.pred_sem_seg.data.numpy().ravel())
    y_true, y_pred = np.concatenate(y_true), np.concatenate(y_pred)
    keep = y_true != 255
    assert metrics['OA'] == pytest.approx(
        100 * accuracy_score(y_true[keep], y_pred[keep]), abs=0.006)
    assert metrics['Kappa'] == pytest.approx(
        100 * cohen_kappa_score(y_true[keep], y_pred[keep]), abs=0.006)
    assert 0 <= metrics['mIoU_per_image'] <= 100

    table = study.format_results({'GLCNet': metrics})
    assert f"{metrics['Kappa']:.2f}" in table.splitlines()[2]
    png = str(tmp_path / 'curves.png')
    study.plot_curves({'GLCNet': ft_dir}, png, ('loss', 'mIoU'))
    assert osp.getsize(png) > 0
    png = str(tmp_path / 'predictions.png')
    study.plot_predictions(
        finetune_config, {'GLCNet': best}, png, num_tiles=2,
        cfg_options={'test_dataloader.dataset.data_root': demo_root})
    assert osp.getsize(png) > 0
