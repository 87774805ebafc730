"""GFCNet's multi-scale fine-tuning config runs from a GLCNet checkpoint
with nothing but config options: backbone and ASPP come from the
checkpoint, the fused decoder is new, and the run trains and selects."""
import os.path as osp

import torch
from mmengine.hooks import Hook
from mmengine.runner import Runner
from test_end_to_end import tiny_finetune_cfg

from grsim_mm import study

MSF_CONFIG = 'configs/finetune/msfusion_r18-os16_gfcnet_1xb8-40e_demo-1pct.py'
ASPP = ('decode_head.image_pool.', 'decode_head.aspp_modules.',
        'decode_head.bottleneck.')


class InitialState(Hook):
    """Keeps the segmentor's weights right after initialisation."""

    def before_train(self, runner) -> None:
        self.state = {
            k: v.clone()
            for k, v in runner.model.state_dict().items()
        }


def test_fuses_stages_and_loads_backbone_and_aspp(repo_root, demo_root,
                                                  glcnet_checkpoint, tmp_path):
    work_dir = str(tmp_path / 'msf')
    cfg = tiny_finetune_cfg(osp.join(repo_root, MSF_CONFIG), demo_root,
                            work_dir, glcnet_checkpoint)
    cfg.merge_from_dict({'train_cfg.max_epochs': 1,
                         'default_hooks.checkpoint.interval': 1})
    runner = Runner.from_cfg(cfg)
    head = runner.model.decode_head
    assert type(head).__name__ == 'MultiScaleFusionHead'
    # C3 and C4 of the ResNet-18 are fused: 128 and 256 channels
    assert [m.conv.in_channels for m in head.lateral_convs] == [128, 256]
    initial = InitialState()
    runner.register_hook(initial)
    runner.train()

    ckpt = torch.load(glcnet_checkpoint, weights_only=True)['state_dict']
    loaded = [k for k in initial.state
              if k.startswith(('backbone.', *ASPP))]
    assert loaded and all(torch.equal(initial.state[k], ckpt[k])
                          for k in loaded)
    # the fused decoder is not GLCNet's (its first conv is wider)
    assert initial.state['decode_head.decoder.0.conv.weight'].shape[1] == \
        ckpt['decode_head.decoder.0.conv.weight'].shape[1] + 2 * 48
    final = runner.model.state_dict()
    assert not torch.equal(final['backbone.layer1.0.conv1.weight'],
                           ckpt['backbone.layer1.0.conv1.weight'])
    best = study.find_checkpoint(work_dir)
    assert osp.basename(best).startswith('best_mIoU_epoch_')
