"""The LaST demo config trains on the scene demo data, its student learns
to match the teacher, and its checkpoint loads into the classifier of the
demo linear probe."""
import glob
import os.path as osp

import numpy as np
import pytest
import torch
from mmengine.config import Config
from mmengine.hooks import Hook
from mmengine.registry import DefaultScope
from mmengine.runner import Runner
from mmpretrain.registry import MODELS

from grsim_mm.datasets import make_scene_demo_dataset
from grsim_mm.models.selfsup.last import forward_crops

REPO = osp.dirname(osp.dirname(osp.dirname(osp.abspath(__file__))))
PRETRAIN = 'configs/last/last_vit-tiny-p8_1xb32-2e_scene-demo.py'
PROBE = ('configs/classification/'
         'rsisc-linear_vit-tiny-p8_last_1xb16-30e_scene-demo.py')
# the demo's ViT cut to 2 blocks of 64 to keep the test short
TINY_ARCH = dict(embed_dims=64, num_layers=2, num_heads=2,
                 feedforward_channels=128)
STUDENT = ('backbone.', 'neck.', 'head.')


class Record(Hook):
    """The student's initial weights and every training loss."""

    def __init__(self):
        self.initial = None
        self.losses = []

    def before_train(self, runner):
        self.initial = {k: v.clone()
                        for k, v in runner.model.state_dict().items()
                        if k.startswith(STUDENT)}

    def after_train_iter(self, runner, batch_idx, data_batch=None,
                         outputs=None):
        self.losses.append(outputs['loss'].item())


@pytest.fixture(scope='module')
def demo_run(tmp_path_factory):
    """The demo config as written (but the ViT's size), 2 epochs of 4 steps
    of 16 images of 16 px, on one torch thread."""
    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    root = tmp_path_factory.mktemp('last_demo')
    make_scene_demo_dataset(str(root / 'data'), size=16)
    cfg = Config.fromfile(osp.join(REPO, PRETRAIN))
    cfg.merge_from_dict({
        'work_dir': str(root / 'work'),
        'log_level': 'WARNING',
        'train_dataloader.batch_size': 16,
        'train_dataloader.dataset.indices': 64,
        'train_dataloader.dataset.data_root': str(root / 'data'),
        'train_dataloader.num_workers': 0,
        'train_dataloader.persistent_workers': False,
    })
    cfg.model.backbone.arch = TINY_ARCH
    record = Record()
    with DefaultScope.overwrite_default_scope('mmpretrain'):
        runner = Runner.from_cfg(cfg)
        runner.register_hook(record)
        runner.train()
    yield runner, record
    torch.set_num_threads(threads)


def _loss_against_teacher(model, inputs):
    """The loss of the current student against the current teacher and
    centre, leaving the centre as it was."""
    center = model.loss_module.center.clone()
    with torch.no_grad():
        teacher = forward_crops(model.teacher.module,
                                inputs[:model.num_global_crops])
        loss = model.loss_module(forward_crops(model.student, inputs),
                                 teacher).item()
    model.loss_module.center.copy_(center)
    return loss


def test_demo_config_student_learns_the_teacher(demo_run):
    runner, record = demo_run
    assert len(record.losses) == 8 and np.all(np.isfinite(record.losses))
    model = runner.model
    torch.manual_seed(0)
    batch = next(iter(runner.train_dataloader))
    inputs = model.data_preprocessor(batch, False)['inputs']
    assert [tuple(x.shape) for x in inputs] == [(16, 13, 32, 32)] * 2 + [
        (16, 13, 16, 16)] * 2
    model.eval()
    trained = _loss_against_teacher(model, inputs)
    # the same teacher and centre, the student as it started: the training
    # moved the student toward the teacher's centred, sharpened targets (a
    # training loss that rises while the centre settles is not a test)
    model.load_state_dict(record.initial, strict=False)
    initial = _loss_against_teacher(model, inputs)
    assert trained < initial - 0.3, (trained, initial, record.losses)


def test_demo_checkpoint_loads_into_the_linear_probe(demo_run):
    runner, _ = demo_run
    ckpt = sorted(glob.glob(osp.join(runner.work_dir, 'epoch_*.pth')))[-1]
    saved = torch.load(ckpt, map_location='cpu')['state_dict']
    probe = Config.fromfile(osp.join(REPO, PROBE))
    probe.model.init_cfg.checkpoint = ckpt
    probe.model.backbone.arch = TINY_ARCH
    with DefaultScope.overwrite_default_scope('mmpretrain'):
        model = MODELS.build(
            dict(probe.model, data_preprocessor=probe.data_preprocessor))
    model.init_weights()
    prefix = 'teacher.module.backbone.'
    expected = {k[len(prefix):]: v for k, v in saved.items()
                if k.startswith(prefix)}
    loaded = model.backbone.state_dict()
    # every backbone tensor comes from the teacher, none is left out
    assert sorted(loaded) == sorted(expected) and len(loaded) > 20
    for key, value in loaded.items():
        assert torch.equal(value, expected[key]), key
    # the teacher is not the student: the probe reads the one it names
    assert not torch.equal(loaded['cls_token'], saved['backbone.cls_token'])
    assert model.backbone.patch_embed.projection.in_channels == 13
    assert model.head.fc.in_features == 64
    assert not any(p.requires_grad for p in model.backbone.parameters())
