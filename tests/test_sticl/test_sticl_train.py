"""The STICL demo configs (8-bit RGB, and 13-band uint16) train a few
iterations on a tiny scene folder, with the key view moved into another
scene, and their checkpoints load into the scene classifier of the STICL
linear probe."""
import os.path as osp

import pytest
import torch
from mmengine.config import Config
from mmengine.hooks import Hook
from mmengine.registry import DefaultScope, init_default_scope
from mmengine.runner import Runner
from scene_images import tiny_run_options, write_scene_folder

import grsim_mm  # noqa: F401

REPO = osp.dirname(osp.dirname(osp.dirname(osp.abspath(__file__))))
DEMO = 'configs/sticl/sticl_r18_1xb32-2e_scene-demo-rgb.py'
PROBE = ('configs/classification/'
         'sticl-linear_r18_sticl_1xb16-30e_scene-demo-rgb.py')
MS_DEMO = 'configs/sticl/sticl-ms_r18_1xb32-2e_scene-demo.py'
MS_PROBE = ('configs/classification/'
            'sticl-linear_r18_sticl-ms_1xb16-30e_scene-demo.py')
# the views of the multispectral set: none of them needs RGB
BAND_AGNOSTIC = ['RandomScaleAspectCrop', 'BandBrightnessContrast',
                 'RandomMeanGrey', 'RandomSigmaBlur', 'RandomFlip']


pytestmark = pytest.mark.usefixtures('one_thread')


@pytest.mark.parametrize('demo', [DEMO, MS_DEMO])
def test_config_moves_only_the_key_view(demo):
    cfg = Config.fromfile(osp.join(REPO, demo))
    assert cfg.train_dataloader.dataset.type == 'SceneTransferDataset'
    views = cfg.train_dataloader.dataset.dataset.pipeline[1]
    query, key = views['transforms']
    assert [t['type'] for t in key[1:]] == [t['type'] for t in query]
    if demo == MS_DEMO:
        assert [t['type'] for t in query] == BAND_AGNOSTIC
    assert key[0] == dict(type='OTSceneTransfer', prob=0.1, num_samples=1000)
    assert not any(t['type'] == 'OTSceneTransfer' for t in query)
    model = cfg.model
    assert (model.type, model.queue_len, model.momentum,
            model.head.temperature) == ('RSIMoCo', 256, 0.001, 0.2)


@pytest.mark.parametrize('demo,probe,bands,dtype,high', [
    (DEMO, PROBE, 3, 'uint8', 255),
    (MS_DEMO, MS_PROBE, 13, 'uint16', 10000),
])
def test_demo_trains_and_its_checkpoint_loads_into_the_probe(
        tmp_path, demo, probe, bands, dtype, high):
    root = write_scene_folder(tmp_path / 'scenes', bands, dtype, high)
    cfg = Config.fromfile(osp.join(REPO, demo))
    cfg.merge_from_dict(tiny_run_options(str(tmp_path / 'run')))
    inner = cfg.train_dataloader.dataset.dataset
    inner.update(data_root=root, split=None)
    inner.pipeline[1]['transforms'][1][0]['prob'] = 1.0  # always move
    cfg.train_cfg.max_epochs = 2  # 6 images, batch 4: one step an epoch
    runner = Runner.from_cfg(cfg)
    assert runner.model.backbone.conv1.in_channels == bands
    before = {k: v.clone() for k, v in runner.model.state_dict().items()}
    losses = []
    runner.register_hook(_LossRecorder(losses))
    runner.train()
    state = runner.model.state_dict()
    assert len(losses) == 2 and all(torch.isfinite(torch.tensor(losses)))
    assert losses[0] != losses[1]
    # the query encoder learnt, the queue took both batches' keys
    assert not torch.equal(before['backbone.conv1.weight'],
                           state['backbone.conv1.weight'])
    assert int(state['queue_ptr']) == 0  # 2 x 4 keys into a queue of 8
    assert not torch.equal(before['queue'], state['queue'])
    checkpoint = osp.join(cfg.work_dir, 'epoch_2.pth')
    assert osp.isfile(checkpoint)

    probe_cfg = Config.fromfile(osp.join(REPO, probe))
    model_cfg = dict(probe_cfg.model,
                     data_preprocessor=probe_cfg.data_preprocessor)
    model_cfg['init_cfg'] = dict(model_cfg['init_cfg'], checkpoint=checkpoint)
    with DefaultScope.overwrite_default_scope('mmpretrain'):
        init_default_scope('mmpretrain')
        from mmpretrain.registry import MODELS
        classifier = MODELS.build(model_cfg)
        classifier.init_weights()
    saved = torch.load(checkpoint, map_location='cpu',
                       weights_only=False)['state_dict']
    loaded = classifier.backbone.state_dict()
    assert len(loaded) > 100
    for key, value in loaded.items():
        assert torch.equal(value, saved[f'backbone.{key}']), key


class _LossRecorder(Hook):
    """Collects the training loss of every iteration."""

    def __init__(self, losses):
        self.losses = losses

    def after_train_iter(self, runner, batch_idx, data_batch=None,
                         outputs=None):
        self.losses.append(float(outputs['loss']))
