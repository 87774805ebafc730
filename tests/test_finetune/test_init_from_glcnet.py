"""The three init modes load exactly the expected keys of a real checkpoint."""
import pytest
import torch
from mmengine.config import Config
from mmengine.registry import DefaultScope
from mmseg.registry import MODELS

ASPP = ('decode_head.image_pool.', 'decode_head.aspp_modules.',
        'decode_head.bottleneck.')
CLASSIFIER = 'decode_head.conv_seg.'


def _expected(keys, mode):
    if mode == 'backbone':
        return {k for k in keys if k.startswith('backbone.')}
    if mode == 'backbone+aspp':
        return {k for k in keys if k.startswith(('backbone.', *ASPP))}
    return {k for k in keys if not k.startswith(CLASSIFIER)}


@pytest.mark.parametrize('mode', ['backbone', 'backbone+aspp', 'all'])
def test_mode_loads_exact_key_set(finetune_config, glcnet_checkpoint, mode):
    cfg = Config.fromfile(finetune_config)
    cfg.model.init_cfg.update(checkpoint=glcnet_checkpoint, mode=mode)
    ckpt = torch.load(glcnet_checkpoint, weights_only=True)['state_dict']
    with DefaultScope.overwrite_default_scope('mmseg'):
        model = MODELS.build(cfg.model)
        model.init_weights()
    state = model.state_dict()

    expected = _expected(state, mode)
    # GLCNet's decode head is the segmentor's, so "all" covers everything
    # except the classifier, and every selected key exists in the checkpoint.
    assert expected <= set(ckpt)
    assert not any(k.startswith(('global_head', 'local_head')) for k in state)
    # Tensors equal to the checkpoint's are exactly the selected ones: the
    # rest (trained for two steps there) kept the segmentor's random init.
    loaded = {k for k in state if k in ckpt and torch.equal(state[k], ckpt[k])}
    assert loaded == expected


def test_segmentor_rejects_checkpoint_of_other_depth(finetune_config,
                                                     glcnet_checkpoint):
    cfg = Config.fromfile(finetune_config)
    cfg.model.init_cfg.checkpoint = glcnet_checkpoint
    cfg.model.backbone.depth = 34  # same widths as 18, more blocks
    ckpt = torch.load(glcnet_checkpoint, weights_only=True)['state_dict']
    with DefaultScope.overwrite_default_scope('mmseg'):
        model = MODELS.build(cfg.model)
        # The blocks both have load; the extra ones keep their random init.
        model.init_weights()
    key = 'backbone.layer1.0.conv1.weight'
    assert torch.equal(model.state_dict()[key], ckpt[key])
    assert 'backbone.layer1.2.conv1.weight' not in ckpt
    cfg.model.backbone.depth = 50
    cfg.model.decode_head.update(in_channels=2048, c1_in_channels=256)
    with DefaultScope.overwrite_default_scope('mmseg'):
        model = MODELS.build(cfg.model)
        with pytest.raises(ValueError, match=r'backbone\.layer1\.0\.conv1'):
            model.init_weights()
