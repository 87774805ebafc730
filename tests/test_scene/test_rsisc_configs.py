"""Every RSISC pretext config runs as written on 3 bands (AID) and on the
13-band EuroSAT input: its dataset reads a file of that dataset's size,
bands and dtype from the 'pretrain' list, its pipeline makes the task's
input, and its ResNet-50 model gives a finite loss that backpropagates."""
import os
import os.path as osp

import numpy as np
import pytest
import torch
from mmengine.config import Config
from mmengine.dataset import default_collate
from mmpretrain.registry import DATASETS, MODELS
from scene_helpers import write_image

from grsim_mm.datasets import get_scene_preset

REPO = osp.dirname(osp.dirname(osp.dirname(osp.abspath(__file__))))
TASKS = ('simclr', 'inpainting', 'jigsaw2x2', 'jigsaw3x3', 'colorization')
#: dataset -> (image size, bands, dtype, extension) of its files
DATA = {'aid': (600, 3, np.uint8, '.jpg'),
        'eurosat-ms': (64, 13, np.uint16, '.tif')}


def write_dataset(root, dataset_cfg, name):
    """Two images of the first class and the 'pretrain' list naming them."""
    size, bands, dtype, ext = DATA[name]
    preset = get_scene_preset(name)
    first = preset['classes'][0]
    rng = np.random.default_rng(0)
    high = 255 if dtype == np.uint8 else 4000
    lines = []
    for i in range(2):
        rel = f'{first}/img{i}{ext}'
        write_image(osp.join(root, dataset_cfg.get('data_prefix', ''), rel),
                    rng.integers(0, high, (size, size, bands), dtype=dtype))
        lines.append(f'{rel} 0')
    split = osp.join(root, 'splits', 'seed0', 'pretrain.txt')
    os.makedirs(osp.dirname(split), exist_ok=True)
    with open(split, 'w') as f:
        f.write('\n'.join(lines) + '\n')


@pytest.mark.parametrize('name', list(DATA))
@pytest.mark.parametrize('task', TASKS)
def test_pretext_config_runs(task, name, tmp_path):
    torch.manual_seed(0)
    np.random.seed(0)
    cfg = Config.fromfile(osp.join(
        REPO, 'configs', 'rsisc', f'rsisc-{task}_r50_1xb256-400e_{name}.py'))
    dataset_cfg = cfg.train_dataloader.dataset
    root = str(tmp_path / 'data')
    write_dataset(root, dataset_cfg, name)
    dataset = DATASETS.build(dict(dataset_cfg, data_root=root))
    assert len(dataset) == 2
    batch = default_collate([dataset[0], dataset[1]])
    bands = DATA[name][1]
    inputs = batch['inputs']
    views = inputs if isinstance(inputs, list) else [inputs]
    for view in views:
        # the file's values, in its own dtype, every band
        assert view.shape[1] == bands
        assert view.dtype == torch.from_numpy(np.zeros(1, DATA[name][2])).dtype
    model = MODELS.build(dict(cfg.model,
                              data_preprocessor=cfg.data_preprocessor))
    model.train()
    if name == 'aid' and task in ('simclr', 'inpainting', 'colorization'):
        # every 4th pixel of AID's 224 px views (the hole stays central)
        # keeps a ResNet-50 step on the CPU short
        small = [v[..., ::4, ::4] for v in views]
        batch['inputs'] = small if isinstance(inputs, list) else small[0]
        for sample in batch['data_samples']:
            if 'hole_mask' in sample:
                sample.hole_mask = sample.hole_mask[..., ::4, ::4]
    data = model.data_preprocessor(batch, True)
    losses = model(**data, mode='loss')
    loss = sum(v for k, v in losses.items() if k.startswith('loss'))
    assert torch.isfinite(loss)
    loss.backward()
    grad = model.backbone.conv1.weight.grad
    assert grad is not None and grad.abs().sum() > 0
    assert model.backbone.conv1.in_channels == bands
