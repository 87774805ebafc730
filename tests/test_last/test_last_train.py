"""A few CPU iterations of LaST on tiny multi-band rasters lower the loss."""
import numpy as np
import rasterio
import rasterio.transform
from mmengine.hooks import Hook
from mmengine.runner import Runner

from last_tiny import NUM_BANDS, last_cfg, multicrop_pipeline

VALUE_RANGE = (0, 10000)
MAX_ITERS = 16


def write_rasters(folder, count=8, size=48):
    """Smooth random 16-bit scenes: a few oriented waves per band."""
    rng = np.random.default_rng(0)
    yy, xx = np.mgrid[:size, :size] / size
    folder.mkdir()
    transform = rasterio.transform.from_origin(0, size, 1, 1)
    for i in range(count):
        bands = []
        for _ in range(NUM_BANDS):
            fx, fy = rng.uniform(-6, 6, 2)
            phase = rng.uniform(0, 2 * np.pi)
            bands.append(0.5 + 0.4 * np.sin(2 * np.pi * (fx * xx + fy * yy) +
                                             phase))
        img = (np.stack(bands) * VALUE_RANGE[1]).astype(np.uint16)
        with rasterio.open(
                folder / f'scene_{i}.tif', 'w', driver='GTiff', width=size,
                height=size, count=NUM_BANDS, dtype='uint16',
                crs='EPSG:32632',
                transform=transform) as dst:
            dst.write(img)


class LossLog(Hook):

    def __init__(self):
        self.losses = []

    def after_train_iter(self, runner, batch_idx, data_batch=None,
                         outputs=None):
        self.losses.append(outputs['loss'].item())


def test_few_iterations_lower_the_loss(tmp_path):
    write_rasters(tmp_path / 'images')
    log = LossLog()
    mean, std = [5000.] * NUM_BANDS, [2000.] * NUM_BANDS
    model = last_cfg()
    model['data_preprocessor'].update(mean=mean, std=std)
    runner = Runner(
        model=model,
        work_dir=str(tmp_path / 'work'),
        train_dataloader=dict(
            batch_size=4, num_workers=0, drop_last=True,
            sampler=dict(type='InfiniteSampler', shuffle=True),
            collate_fn=dict(type='default_collate'),
            dataset=dict(
                type='RSIUnlabeledDataset',
                data_prefix=dict(img_path=str(tmp_path / 'images')),
                pipeline=[
                    dict(type='LoadRasterImageFromFile', num_bands=NUM_BANDS),
                    multicrop_pipeline(VALUE_RANGE, num_local=2),
                    dict(type='PackInputs'),
                ])),
        optim_wrapper=dict(
            optimizer=dict(type='AdamW', lr=1e-2, weight_decay=0.04),
            clip_grad=dict(max_norm=3.0)),
        param_scheduler=[
            dict(type='LinearLR', start_factor=0.01, by_epoch=False, begin=0,
                 end=5)
        ],
        train_cfg=dict(type='IterBasedTrainLoop', max_iters=MAX_ITERS),
        default_hooks=dict(checkpoint=None,
                           logger=dict(type='LoggerHook', interval=4)),
        custom_hooks=[log],
        randomness=dict(seed=0),
        log_level='WARNING',
        default_scope='mmpretrain',
        experiment_name='last_train')
    runner.train()
    assert len(log.losses) == MAX_ITERS
    # iteration 0 is special: the teacher is an exact copy of the student
    # and the centre is still zero. From then on the student learns to
    # match the slowly moving, centred teacher.
    first, last = np.mean(log.losses[1:5]), np.mean(log.losses[-4:])
    assert last < first - 0.5, log.losses
