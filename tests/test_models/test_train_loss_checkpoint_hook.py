"""TrainLossCheckpointHook keeps the lowest-mean-loss epoch, and resumes."""
import os

import torch
from mmengine.model import BaseModel
from mmengine.runner import Runner
from torch.utils.data import Dataset

import grsim_mm  # noqa: F401

# mean loss of epochs 1..4: the best is epoch 2, then epoch 4
EPOCH_LOSSES = [[3.0, 3.0], [1.0, 2.0], [2.0, 2.0], [1.0, 1.0]]


class Scripted(BaseModel):
    """Returns the scripted loss of the current (epoch, batch)."""

    def __init__(self):
        super().__init__()
        self.weight = torch.nn.Parameter(torch.zeros(1))
        self.calls = 0

    def forward(self, inputs, data_samples=None, mode='loss'):
        epoch, step = divmod(self.calls, 2)
        self.calls += 1
        value = EPOCH_LOSSES[epoch][step]
        return dict(loss=self.weight.sum() * 0 + value)


class Items(Dataset):

    def __len__(self):
        return 2

    def __getitem__(self, idx):
        return dict(inputs=torch.zeros(1))


def make_runner(work_dir, max_epochs, resume=False):
    return Runner(
        model=Scripted(),
        work_dir=str(work_dir),
        train_dataloader=dict(
            dataset=Items(), batch_size=1, num_workers=0,
            sampler=dict(type='DefaultSampler', shuffle=False),
            collate_fn=dict(type='default_collate')),
        optim_wrapper=dict(optimizer=dict(type='SGD', lr=0.0)),
        train_cfg=dict(by_epoch=True, max_epochs=max_epochs),
        default_hooks=dict(
            checkpoint=dict(type='CheckpointHook', interval=1,
                            max_keep_ckpts=1),
            logger=dict(type='LoggerHook', interval=1)),
        custom_hooks=[dict(type='TrainLossCheckpointHook')],
        default_scope='mmpretrain',
        resume=resume,
        experiment_name=f'hook_test_{max_epochs}_{resume}')


def best_files(work_dir):
    return sorted(f for f in os.listdir(work_dir) if f.startswith('best'))


def test_keeps_lowest_epoch_and_survives_resume(tmp_path):
    runner = make_runner(tmp_path, max_epochs=3)
    runner.train()
    assert best_files(tmp_path) == ['best_loss_epoch_2.pth']
    ckpt = torch.load(tmp_path / 'best_loss_epoch_2.pth', weights_only=False)
    assert ckpt['meta']['epoch'] == 2
    assert 'optimizer' not in ckpt
    hub = runner.message_hub
    assert hub.get_info('best_train_loss') == 1.5
    assert hub.get_scalar('train/epoch_mean_loss').current() == 2.0

    # resume: epoch 3's mean 2.0 must not replace epoch 2's 1.5, epoch 4's
    # mean 1.0 must
    resumed = make_runner(tmp_path, max_epochs=4, resume=True)
    resumed.model.calls = 6  # the scripted model continues at epoch 4
    resumed.train()
    assert best_files(tmp_path) == ['best_loss_epoch_4.pth']
    assert resumed.message_hub.get_info('best_train_loss') == 1.0
    assert os.path.isfile(tmp_path / 'epoch_4.pth')
